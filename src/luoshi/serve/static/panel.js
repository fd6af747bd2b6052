/* 目标面板: one region's target and outcome of one headline indicator over the years (ECharts). */
(function () {
  "use strict";
  var COLOURS = { met: "#1a7f37", missed: "#cf222e", not_reported: "#d4a72c", target_not_set: "#8c959f" };
  var LABELS = { met: "完成", missed: "未完成", not_reported: "未报告", target_not_set: "未设目标" };
  var chart = null;

  function commonUnit(rows) {
    var counts = {};
    rows.forEach(function (r) { if (r.target_unit) counts[r.target_unit] = (counts[r.target_unit] || 0) + 1; });
    var best = null;
    Object.keys(counts).forEach(function (u) { if (best === null || counts[u] > counts[best]) best = u; });
    return best;
  }

  function draw(all, indicator) {
    var rows = all.filter(function (r) { return r.indicator === indicator; });
    var unit = commonUnit(rows) || "%";
    var years = rows.map(function (r) { return String(r.year); });
    var same = function (r, u) { return u === unit || (u === "%" && unit === "%"); };
    var target = rows.map(function (r) { return r.target_value != null && same(r, r.target_unit) ? r.target_value : null; });
    var outcome = rows.map(function (r) {
      if (r.outcome_value == null || !same(r, r.outcome_unit)) return null;
      return { value: r.outcome_value, itemStyle: { color: COLOURS[r.verdict] || "#0b57d0" }, verdict: r.verdict };
    });
    var el = document.getElementById("chart-panel");
    if (!el) return;
    if (chart === null) chart = echarts.init(el, null, { renderer: "canvas" });
    chart.setOption({
      tooltip: { trigger: "axis", formatter: function (ps) {
        var lines = [ps[0].axisValue + "年"];
        ps.forEach(function (p) {
          var v = p.data == null ? null : (typeof p.data === "object" ? p.data.value : p.data);
          var tag = p.data && p.data.verdict ? "（" + (LABELS[p.data.verdict] || "") + "）" : "";
          lines.push(p.seriesName + "：" + (v == null ? "—" : v + unit) + tag);
        });
        return lines.join("<br>");
      } },
      legend: { bottom: 0 }, grid: { left: 50, right: 16, top: 16, bottom: 50 },
      xAxis: { type: "category", data: years },
      yAxis: { type: "value", axisLabel: { formatter: "{value}" + unit } },
      series: [
        { name: "目标", type: "line", connectNulls: true, lineStyle: { type: "dashed" }, itemStyle: { color: "#8c959f" }, data: target },
        { name: "实际", type: "line", connectNulls: true, symbolSize: 9, itemStyle: { color: "#0b57d0" }, data: outcome }
      ]
    }, true);
    document.querySelectorAll("#panel-table tbody tr").forEach(function (tr) {
      tr.hidden = tr.getAttribute("data-indicator") !== indicator;
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    var data = document.getElementById("panel-data");
    if (!data) return;
    var rows = JSON.parse(data.textContent);
    var select = document.getElementById("panel-indicator");
    draw(rows, select.value);
    select.addEventListener("change", function () { draw(rows, select.value); });
    window.addEventListener("resize", function () { if (chart) chart.resize(); });
  });
})();
