// Loaded by the classic Jupyter Notebook that `npm run lab` starts (JUPYTER_CONFIG_DIR points
// here). It draws Retail Lab's chart outputs (application/vnd.plotly.v1+json) with plotly.js,
// served from this folder (scripts/lab.ts copies plotly.min.js here), so charts are interactive
// offline. Elsewhere the same outputs show their PNG.
require(["base/js/namespace", "notebook/js/outputarea"], function (Jupyter, outputarea) {
  var MIME = "application/vnd.plotly.v1+json";
  var plotly = null;
  function loadPlotly() {
    if (!plotly) {
      plotly = new Promise(function (resolve, reject) {
        // plotly.js 3's UMD wrapper may not hand the module to RequireJS: fall back to the global
        require([Jupyter.notebook.base_url + "custom/plotly.min.js"], function (P) {
          resolve(P || window.Plotly);
        }, reject);
      });
    }
    return plotly;
  }
  function append(json, md, element) {
    var div = document.createElement("div");
    div.className = "rl-chart";
    element.append(div);
    loadPlotly().then(function (Plotly) {
      Plotly.newPlot(div, json.data, json.layout || {}, { responsive: true, displaylogo: false });
    });
    return div;
  }
  outputarea.OutputArea.prototype.register_mime_type(MIME, append, { safe: true, index: 0 });
});
