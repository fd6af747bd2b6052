/* The 驾驶舱 charts: data from /api/dashboard (the same query as the page), drawn with ECharts. */
(function () {
  "use strict";
  var LABELS = { not_started: "未启动", on_track: "正常推进", behind: "进度滞后", missing: "缺报", overdue: "逾期", done: "已完成待验收", closed: "已销号" };
  var COLOURS = { not_started: "#8c959f", on_track: "#1a7f37", behind: "#d4a72c", missing: "#bc4c00", overdue: "#cf222e", done: "#4ac26b", closed: "#0b57d0" };
  var charts = [];

  function chart(id, option) {
    var el = document.getElementById(id);
    if (!el) return;
    var c = echarts.init(el, null, { renderer: "canvas" });
    c.setOption(option);
    charts.push(c);
  }

  function short(s) { return s.length > 8 ? s.slice(0, 8) + "…" : s; }

  function draw(d) {
    var sections = d.sections.map(function (s) { return s.section; });
    chart("chart-sections", {
      tooltip: { trigger: "axis" }, legend: { bottom: 0 }, grid: { left: 90, right: 16, top: 10, bottom: 50 },
      xAxis: { type: "value" }, yAxis: { type: "category", data: sections, axisLabel: { formatter: short } },
      series: Object.keys(LABELS).map(function (k) {
        return { name: LABELS[k], type: "bar", stack: "n", itemStyle: { color: COLOURS[k] },
                 data: d.sections.map(function (s) { return s.states[k] || 0; }) };
      })
    });
    chart("chart-pace", {
      tooltip: { trigger: "axis", valueFormatter: function (v) { return v == null ? "—" : v + "%"; } },
      legend: { bottom: 0 }, grid: { left: 40, right: 16, top: 10, bottom: 70 },
      xAxis: { type: "category", data: sections, axisLabel: { formatter: short, rotate: 30 } },
      yAxis: { type: "value", max: 100, axisLabel: { formatter: "{value}%" } },
      series: [
        { name: "时间进度", type: "bar", itemStyle: { color: "#8c959f" }, data: d.sections.map(function (s) { return Math.round(s.elapsed * 100); }) },
        { name: "完成进度", type: "bar", itemStyle: { color: "#b3261e" }, data: d.sections.map(function (s) { return s.progress == null ? null : Math.round(s.progress * 100); }) }
      ]
    });
    var ranked = (d.ranking || []).filter(function (u) { return u.score != null; }).slice(0, 15).reverse();
    chart("chart-units", {
      tooltip: { trigger: "axis" }, grid: { left: 90, right: 24, top: 10, bottom: 30 },
      xAxis: { type: "value", max: 100 },
      yAxis: { type: "category", data: ranked.map(function (u) { return u.rank + ". " + u.unit; }), axisLabel: { formatter: short } },
      series: [{ name: "综合得分", type: "bar", itemStyle: { color: "#b3261e" }, label: { show: true, position: "right" },
                 data: ranked.map(function (u) { return u.score; }) }]
    });
    var stages = Object.keys(d.items_by_stage || {});
    chart("chart-items", stages.length ? {
      tooltip: { trigger: "item" },
      series: [{ type: "pie", radius: ["35%", "65%"], data: stages.map(function (k) { return { name: k, value: d.items_by_stage[k] }; }) }]
    } : { title: { text: "暂无督办事项", left: "center", top: "middle", textStyle: { color: "#8c959f", fontSize: 14 } } });
    document.body.setAttribute("data-charts", String(charts.length));
  }

  document.addEventListener("DOMContentLoaded", function () {
    var holder = document.getElementById("dashboard-data");
    if (!holder || typeof echarts === "undefined") return;
    fetch(holder.getAttribute("data-url"), { credentials: "same-origin", headers: { Accept: "application/json" } })
      .then(function (r) { return r.json(); }).then(draw);
    window.addEventListener("resize", function () { charts.forEach(function (c) { c.resize(); }); });
  });
})();
