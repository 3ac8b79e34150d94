/** Behavioural features per customer: the public API of src/features. */
export {
  CUSTOMER_FEATURE_COLUMNS,
  customerFeatures,
  type CustomerFeatures,
  type CustomerFeaturesOptions,
} from "./customer-features";
export { correlationMatrix, pearson, strongestCorrelation } from "./correlation";
