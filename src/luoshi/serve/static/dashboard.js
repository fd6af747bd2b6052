/* The 驾驶舱 charts: data from /api/dashboard (the same query as the page), drawn with ECharts.
   Every category gets a labelled row tall enough for its wrapped name; legends sit above the plot
   (never over the axis numbers); a section with nothing measured says 无数据; each chart saves
   itself as a PNG (ECharts' saveAsImage). The same figures are in a table under each chart.
   Where the reader's system asks for reduced motion, the charts appear without their entry
   animation. */
(function () {
  "use strict";
  var LABELS = { not_started: "未启动", on_track: "正常推进", behind: "进度滞后", missing: "缺报", overdue: "逾期", done: "已完成待验收", closed: "已销号" };
  var COLOURS = { not_started: "#8c959f", on_track: "#1a7f37", behind: "#d4a72c", missing: "#bc4c00", overdue: "#cf222e", done: "#4ac26b", closed: "#0b57d0" };
  var LINE_CHARS = 12; // a category name breaks at its commas; a clause over 15 characters every 12
  var SCREEN = false; // 大屏 (?screen=1): larger text for a wall screen
  var FONT = 12;
  var LINE_PX = 15;
  var NO_DATA = "无数据";
  var STILL = !!(window.matchMedia && window.matchMedia("(prefers-reduced-motion: reduce)").matches);
  var charts = [];

  function wrap(name) {
    var parts = String(name).split(/[,，、]/);
    var lines = [];
    parts.forEach(function (p, i) {
      var piece = p + (i < parts.length - 1 ? "，" : "");
      while (piece.length > LINE_CHARS + 3) { lines.push(piece.slice(0, LINE_CHARS)); piece = piece.slice(LINE_CHARS); }
      if (piece) lines.push(piece);
    });
    return lines.join("\n");
  }

  function lineCount(names) {
    return names.reduce(function (most, n) { return Math.max(most, wrap(n).split("\n").length); }, 1);
  }

  function legend() {
    return { type: "scroll", top: 0, left: 0, right: 36, itemWidth: 14, itemHeight: 10, itemGap: 8, textStyle: { fontSize: FONT } };
  }

  function toolbox(name) {
    return { right: 0, top: 0, itemSize: 14, feature: { saveAsImage: {
      title: "保存为图片", name: "驾驶舱-" + name, pixelRatio: 2, backgroundColor: "#fff" } } };
  }

  function grid(top) {
    return { left: 8, right: 48, top: top, bottom: 8, containLabel: true };
  }

  function categoryAxis(names) {
    return { type: "category", data: names, inverse: true,
             axisLabel: { interval: 0, formatter: wrap, lineHeight: LINE_PX, fontSize: FONT } };
  }

  function minHeight() {
    return SCREEN ? 380 : 260;
  }

  /* Rows tall enough for the longest wrapped name (per bar in the row), plus legend and axis. */
  function sizeFor(el, names, barsPerRow) {
    var row = Math.max(2 * FONT + 4, lineCount(names) * LINE_PX + 8, barsPerRow * (FONT + 2) + 8);
    el.style.height = Math.max(minHeight(), names.length * row + 80) + "px";
  }

  function chart(id, option, names, barsPerRow) {
    var el = document.getElementById(id);
    if (!el) return;
    if (names) sizeFor(el, names, barsPerRow || 1);
    var c = echarts.getInstanceByDom(el) || echarts.init(el, null, { renderer: "canvas" });
    option.textStyle = { fontSize: FONT };
    if (STILL) option.animation = false;
    c.setOption(option, true);
    if (charts.indexOf(c) < 0) charts.push(c);
  }

  function sectionsChart(d, sections) {
    chart("chart-sections", {
      tooltip: { trigger: "axis", axisPointer: { type: "shadow" } },
      legend: legend(), toolbox: toolbox("各篇章任务状态"), grid: grid(FONT + 18),
      xAxis: { type: "value", minInterval: 1 }, yAxis: categoryAxis(sections),
      series: Object.keys(LABELS).map(function (k) {
        return { name: LABELS[k], type: "bar", stack: "n", itemStyle: { color: COLOURS[k] },
                 data: d.sections.map(function (s) { return s.states[k] || 0; }) };
      })
    }, sections, 1);
  }

  function paceChart(d, sections) {
    var progress = d.sections.map(function (s) {
      if (s.progress != null) return Math.round(s.progress * 100);
      return { value: 0, noData: true, label: { show: true, position: "right", formatter: NO_DATA, color: "#656d76", fontSize: FONT - 1 } };
    });
    chart("chart-pace", {
      tooltip: { trigger: "axis", axisPointer: { type: "shadow" }, formatter: function (items) {
        return items[0].axisValueLabel.replace(/\n/g, "") + items.map(function (p) {
          var shown = p.data && p.data.noData ? NO_DATA : p.value + "%";
          return "<br>" + p.marker + p.seriesName + "：" + shown;
        }).join("");
      } },
      legend: legend(), toolbox: toolbox("时序进度"), grid: grid(FONT + 18),
      xAxis: { type: "value", max: 100, axisLabel: { formatter: "{value}%" } }, yAxis: categoryAxis(sections),
      series: [
        { name: "时间进度", type: "bar", itemStyle: { color: "#8c959f" }, data: d.sections.map(function (s) { return Math.round(s.elapsed * 100); }) },
        { name: "完成进度", type: "bar", itemStyle: { color: "#b3261e" }, data: progress }
      ]
    }, sections, 2);
  }

  function unitsChart(d) {
    var ranked = (d.ranking || []).filter(function (u) { return u.score != null; }).slice(0, 15);
    var names = ranked.map(function (u) { return u.rank + ". " + u.unit; });
    chart("chart-units", {
      tooltip: { trigger: "axis", axisPointer: { type: "shadow" } }, toolbox: toolbox("单位排名"), grid: grid(24),
      xAxis: { type: "value", max: 100 }, yAxis: categoryAxis(names),
      series: [{ name: "综合得分", type: "bar", itemStyle: { color: "#b3261e" }, label: { show: true, position: "right", fontSize: FONT },
                 data: ranked.map(function (u) { return u.score; }) }]
    }, names, 1);
  }

  function itemsChart(d) {
    var stages = Object.keys(d.items_by_stage || {});
    var el = document.getElementById("chart-items");
    if (el) el.style.height = Math.max(minHeight(), 300) + "px";
    chart("chart-items", stages.length ? {
      tooltip: { trigger: "item", formatter: "{b}：{c} 项（{d}%）" }, toolbox: toolbox("督办事项"),
      series: [{ type: "pie", radius: ["28%", "50%"], center: ["50%", "55%"], avoidLabelOverlap: true,
                 label: { formatter: "{b}\n{c} 项", fontSize: FONT, alignTo: "edge", edgeDistance: 8, overflow: "break", lineHeight: LINE_PX, minMargin: 4 },
                 labelLine: { length: 10, length2: 0, maxSurfaceAngle: 80 },
                 labelLayout: { hideOverlap: false, moveOverlap: "shiftY" },
                 data: stages.map(function (k) { return { name: k, value: d.items_by_stage[k] }; }) }]
    } : { title: { text: "暂无督办事项", left: "center", top: "middle", textStyle: { color: "#8c959f", fontSize: 14 } } });
  }

  function draw(d) {
    var sections = d.sections.map(function (s) { return s.section; });
    sectionsChart(d, sections);
    paceChart(d, sections);
    unitsChart(d);
    itemsChart(d);
    document.body.setAttribute("data-charts", String(charts.length));
  }

  function resize() { charts.forEach(function (c) { c.resize(); }); }

  /* A printout carries the figures too: open the closed tables while printing, then close them. */
  var opened = [];
  function beforePrint() {
    opened = Array.prototype.filter.call(document.querySelectorAll("details.chart-data"), function (d) { return !d.open; });
    opened.forEach(function (d) { d.open = true; });
    resize();
  }
  function afterPrint() {
    opened.forEach(function (d) { d.open = false; });
    opened = [];
    resize();
  }

  document.addEventListener("DOMContentLoaded", function () {
    var holder = document.getElementById("dashboard-data");
    if (!holder || typeof echarts === "undefined") return;
    SCREEN = !!document.querySelector(".dashboard.screen");
    if (SCREEN) { FONT = 15; LINE_PX = 19; }
    fetch(holder.getAttribute("data-url"), { credentials: "same-origin", headers: { Accept: "application/json" } })
      .then(function (r) { return r.json(); }).then(draw);
    window.addEventListener("resize", resize);
    window.addEventListener("beforeprint", beforePrint); // redraw at the printed page's width
    window.addEventListener("afterprint", afterPrint);
  });
})();
