/** Customer clusters (K-Means, Ward, DBSCAN and their comparison): the public API of src/clusters. */
export { featureMatrix, type MatrixNames, type Points } from "./matrix";
export { log1pColumns, standardize, type Standardized } from "./scale";
export { kmeans, type KMeansOptions, type KMeansResult } from "./kmeans";
export {
  silhouetteSample,
  silhouetteSamples,
  silhouetteScore,
  silhouetteScores,
  type SilhouetteSampleOptions,
} from "./silhouette";
export {
  elbow,
  wardElbow,
  proposeK,
  type ElbowOptions,
  type ElbowPoint,
  type ElbowResult,
  type WardElbowOptions,
  type ProposedK,
  type ProposeKOptions,
  type ProposeKRule,
} from "./elbow";
export { pca2, pcaComponents, symmetricEigen, type PcaResult } from "./pca";
export { adjustedRandIndex, crosstab, type Crosstab, type Label } from "./compare";
export {
  clusterProfiles,
  clusterSummaries,
  nameClusters,
  profilesTable,
  CLUSTER_PLAYS,
  type ClusterName,
  type ClusterProfile,
  type ClusterProfilesOptions,
  type NameClustersOptions,
  type ClusterPlayName,
} from "./profiles";
export { clusterPoints } from "./prepare";
export { SKEWED_FEATURES, skewedFeatures, skewness } from "./skew";
export { canonicalClusters, type CanonicalClusters } from "./canonical";
export {
  wardLinkage,
  wardClusters,
  cutLinkage,
  cutWard,
  type WardLinkage,
  type WardMerge,
  type WardCut,
  type WardOptions,
  type WardResult,
} from "./ward";
export { dendrogramData, type DendrogramData, type DendrogramLeaf, type DendrogramLink } from "./dendrogram";
export {
  dbscan,
  kDistances,
  kDistanceCurve,
  proposeEps,
  type DbscanOptions,
  type DbscanResult,
  type KDistanceCurve,
  type ProposedEps,
} from "./dbscan";
export {
  clusterWith,
  CLUSTER_METHODS,
  compareMethods,
  methodParameters,
  METHOD_TITLES,
  methodSilhouette,
  methodsTable,
  NOISE,
  type ClusterMethod,
  type CompareMethodsOptions,
  type MethodAgreement,
  type MethodLabels,
  type MethodsComparison,
  type MethodSilhouette,
  type MethodSpec,
  type MethodSummary,
} from "./methods";
