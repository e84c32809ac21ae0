// Interface text in Chinese (default) and English; the choice is kept in localStorage.

import { h, wrap } from "./dom.js";

const TEXT = {
  zh: {
    nav_map: "地图", map_title: "获奖地图", map_intro: "每个点是一个获奖地区（位于其行政中心），颜色越深，所选年份的获奖次数或金额越多。点击一个点打开该地区。",
    map_data_missing: "地图坐标数据未安装：请在项目目录运行 make vendor（或 make run）后刷新。其余页面不受影响。", map_no_awards: "图中还没有带年份的奖励。",
    map_count: (n, m, y) => `${y} 年：地图上显示 ${n} 个地区（共 ${m} 个获奖地区）`, map_unplaced: (n) => `${n} 个地区（园区、基地等）没有坐标，只列在下表中。`,
    map_table: (y) => `${y} 年的获奖地区`, map_places: "获奖地区", map_colour_by: "颜色表示", map_by_awards: "获奖次数", map_by_amount: "奖励金额",
    map_all_levels: "全部级别", yuan: "元", n_awards: (n) => `${n} 项奖励`,
    map_attribution: "地区坐标（各行政区的中心点，不含边界）来自 cpca 软件包（MIT 许可，© 2018 QinYuan Du），构建时打包，运行时不联网。",
    issuer_timeline: (i) => `${i}的通知时间线`, timeline: "通知时间线", not_loaded: "未收录", no_lineage: "没有已知的引用、废止或前后相承的通知。", this_notice: "本通知",
    lin_cites: "引用", lin_cited_by: "被引用", lin_supersedes: "废止", lin_superseded_by: "被废止", lin_reports_on: "报道", lin_reported_by: "被报道",
    lin_previous: "上一份同类通知", lin_next: "下一份同类通知", dept_awards_by_year: "牵头措施带来的获奖（按年份）", dept_no_awards: "还没有通过其牵头措施获奖的记录（需要激励通报与措施通知相互关联）。",
    measure_history: "措施沿革", this_measure: "本措施", no_history: "没有找到此措施在同一发文机关其他年份通知中的对应措施。", implemented_winners: "落实此措施的获奖地区",
    no_implemented_winners: "还没有激励通报中的奖项与此措施关联。", category: "奖项类别", topic_filter: "按主题", topic_all: "全部主题",
    schema: "图谱结构", node_kinds: "节点类型", count_of: (n) => `${n} 个`, console_history: "最近运行的查询", console_history_empty: "还没有运行过查询（只保存在本浏览器中）。",
    brand: "督查激励知识图谱", skip: "跳到正文", loading: "加载中…", nav: "主导航",
    nav_notices: "通知", nav_winners: "同时获奖", nav_console: "Cypher 控制台", nav_api: "API 文档",
    search_label: "搜索地区、主题、部门、通知、措施", search_placeholder: "搜索地区、主题、部门、通知、措施（简繁均可）",
    search_results: "搜索建议", no_results: "没有找到", results_count: (n) => `${n} 条建议`,
    footer: "每条事实均可追溯到原文位置。数据来自已加载的政府公开文件。", lang_switch: "Switch to English",
    k_Locality: "地区", k_Department: "部门", k_Notice: "通知", k_Measure: "措施", k_Award: "奖励", k_Topic: "主题",
    home_title: "督查激励知识图谱", home_intro: "政府通知设立激励措施，由部门牵头；通报公布获奖地区。在这里搜索地区、部门和通知，查看获奖记录与原文出处。",
    graph_size: (n, r) => `图中有 ${n} 个节点、${r} 条关系`, examples: "从这里开始", latest_notices: "已加载的通知",
    ex_locality: "渝北区的获奖记录", ex_winners: "2020 年生态环境与招商引资双获奖地区", ex_console: "按获奖次数排名的地区",
    level: "级别", parent: "上级", children: "下辖", awards: "获奖次数", awards_by_year: "按年份统计的获奖",
    awards_by_topic: "按主题统计的获奖", award_history: "获奖记录", year: "年份", all_years: "全部年份",
    measure: "措施", notice: "通知", amount: "金额（元）", topics: "主题", source: "原文", open_source: "查看原文",
    departments_impl: "实施部门", show_graph: "在图谱中查看", rdf: "RDF (Turtle)", show_year: (y) => `只看 ${y} 年`,
    awards_in_year: (n, y) => `${y} 年共 ${n} 项奖励`, awards_all: (n) => `共 ${n} 项奖励`,
    leads: "牵头的措施", supports: "配合的措施", co_leads: "共同牵头的部门", jurisdiction: "所属地区",
    measures: "措施", winners: "获奖地区", lead_departments: "牵头部门", supporting_departments: "配合部门",
    ordinal: "序号", text: "内容", doc_number: "文号", issuer: "发文机关", date: "日期", work_year: "工作年度",
    kind: "类型", cites: "引用", supersedes: "废止", diff: "与上一份通知相比", diff_against: "对比的通知",
    diff_none: "没有可对比的同一发文机关（或同一地区）的更早通知。", change: "变化", old_ordinal: "原序号", new_ordinal: "新序号",
    ch_added: "新增", ch_dropped: "删除", ch_reworded: "改写", ch_departments_changed: "部门变化", ch_unchanged: "未变", departments: "部门（原 → 新）", show_winners: "显示获奖地区",
    source_title: "原文", span: (s, e) => `第 ${s}–${e} 字符`, source_missing: "原文不可用",
    graph_title: "关系图谱", filters: "筛选", rel_types: "关系类型", topic: "主题", all_topics: "全部主题",
    legend: "图例", node_list: "节点列表", expand: "展开", expanded: "已展开", selected: "选中的节点", open_profile: "打开详情",
    graph_help: "点击节点展开它的关系，点击“+N 个…”再显示一页；拖动节点或空白处，滚轮缩放。键盘可用右侧的节点列表。",
    n_more: (n, kind) => `+${n} 个${kind}`, show_more: "再显示一页", hide_node: "从图中隐藏", restore_hidden: (n) => `恢复隐藏的 ${n} 个节点`,
    graph_library_missing: "图谱组件 Cytoscape.js 未安装：请在项目目录运行 make vendor（或 make run）后刷新。其余页面不受影响。",
    zoom_in: "放大", zoom_out: "缩小", zoom_fit: "适合窗口", graph_counts: (n, e) => `显示 ${n} 个节点、${e} 条关系`,
    winners_title_all: "同时获奖：在所有选定主题下都获奖的地区", winners_title_any: "获奖地区：在任一选定主题下获奖", pick_topics: "主题",
    match: "获奖条件", match_all: "每个主题都获奖", match_any: "任一主题获奖即可", or: "或", filter_topics: "筛选主题",
    year_from: "起始年份", year_to: "截止年份", any: "不限", scope: "范围（地区及其下辖）", run: "查询",
    download_csv: "下载 CSV", n_winners: (n) => `${n} 个地区`, evidence: "依据", need_topics: "请至少选择一个主题。",
    console_title: "Cypher 控制台（只读）", named_queries: "命名查询示例", pick_query: "选择一个命名查询…",
    query_text: "Cypher 查询", params: "参数（JSON）", as_table: "表格", show_as: "结果显示为", as_graph: "图谱", rows: (n) => `${n} 行`,
    console_help: "只读：写操作会被拒绝；最长 5 秒、最多 1000 行。Ctrl+Enter 运行。", no_graph: "结果中没有可画成图的节点。",
    err_network: "无法连接服务器，请检查网络后重试。", err_missing: "没有找到这条记录。", err_server: (s) => `服务器出错（${s}）。`, err_rejected: (s) => `请求未被接受（${s}）。`,
    err_detail: "技术细节", retry: "重试", n_of_m: (n, m) => `共 ${m} 条，显示 ${n} 条`, range_of: (a, b, m) => `第 ${a}–${b} 条，共 ${m} 条`,
    money_by_year: "按年份统计的奖励金额（元）", compact_yuan: (n) => (n >= 1e8 ? `${Number((n / 1e8).toFixed(1))}亿` : n >= 1e4 ? `${Math.round(n / 1e4)}万` : String(n)),
    download_json: "下载 JSON", download_evidence: "下载全部依据（CSV）",
    cite: "引用", cite_text: "引用格式", copy: "复制", copied: "已复制", permalink: "本页链接", data_uri: "数据标识（URI）",
    linked_data: "关联数据", export_notice: "此通知的全部数据", export_locality: "此地区的全部数据", catalog: "数据目录（DCAT）",
    accessed: (d) => `访问日期：${d}`, quoted: "原文摘录", publisher: "督查激励知识图谱", title: "标题", winners_by_year: "每年获奖地区数", years: "年份", filter_list: "筛选列表", filtered_from: (m) => `（筛选自 ${m} 条）`,
    prev_page: "上一页", next_page: "下一页", all_notices: "全部通知", pages: "分页",
    notices_title: "通知", error: "出错了", not_found: "没有找到这个页面。", topic_measures: "相关措施",
    nk_measures_notice: "措施通知", nk_award_notice: "激励通报", nk_news_report: "新闻报道", nk_implementation_rules: "实施细则", nk_plan: "方案",
    lv_country: "国家", lv_province: "省级", lv_prefecture: "地市级", lv_county: "县级", lv_zone: "园区", lv_base: "基地", lv_township: "乡镇", lv_village: "村（社区）",
    r_HAS_MEASURE: "包含措施", r_LED_BY: "牵头", r_SUPPORTED_BY: "配合", r_ABOUT: "主题", r_RECEIVED: "获得",
    r_UNDER: "依据措施", r_ANNOUNCED_IN: "通报于", r_IMPLEMENTED_BY: "实施部门", r_PART_OF: "隶属", r_OF: "属于",
    r_ISSUED_BY: "发文", r_CITES: "引用", r_SUPERSEDES: "废止", r_IMPLEMENTS: "落实", r_AWARDED_UNDER: "在该主题下获奖",
  },
  en: {
    nav_map: "Map", map_title: "Map of awards", map_intro: "Each dot is an awarded locality (at its administrative centre); the darker, the more awards or award money in the chosen year. Click a dot to open the locality.",
    map_data_missing: "The map's coordinates are not installed: run make vendor (or make run) in the project folder, then reload. The rest of the explorer works.", map_no_awards: "No awards with a year in the graph yet.",
    map_count: (n, m, y) => `${y}: ${n} localities on the map (of ${m} awarded)`, map_unplaced: (n) => `${n} localities (zones, bases…) have no coordinates and are only listed below.`,
    map_table: (y) => `Localities awarded in ${y}`, map_places: "Awarded localities", map_colour_by: "Colour by", map_by_awards: "Number of awards", map_by_amount: "Award money",
    map_all_levels: "All levels", yuan: "yuan", n_awards: (n) => `${n} awards`,
    map_attribution: "Coordinates (each division's centre point, no boundaries) from the cpca package (MIT licence, © 2018 QinYuan Du), bundled at build time; nothing is fetched at run time.",
    issuer_timeline: (i) => `Notices of ${i} over time`, timeline: "Notice timeline", not_loaded: "not loaded", no_lineage: "No known citing, superseding or preceding notices.", this_notice: "this notice",
    lin_cites: "cites", lin_cited_by: "cited by", lin_supersedes: "supersedes", lin_superseded_by: "superseded by", lin_reports_on: "reports on", lin_reported_by: "reported by",
    lin_previous: "previous of its kind", lin_next: "next of its kind", dept_awards_by_year: "Awards from the measures it leads, by year", dept_no_awards: "No awards through the measures it leads yet (award announcements must be linked to the measures notice).",
    measure_history: "History of the measure", this_measure: "this measure", no_history: "No matching measure in the issuer's notices of other years.", implemented_winners: "Localities awarded under it",
    no_implemented_winners: "No award category of an announcement is linked to this measure yet.", category: "Award category", topic_filter: "By topic", topic_all: "All topics",
    schema: "Graph schema", node_kinds: "Node kinds", count_of: (n) => `${n}`, console_history: "Recent queries", console_history_empty: "No queries run yet (kept in this browser only).",
    brand: "Supervision-incentive graph", skip: "Skip to content", loading: "Loading…", nav: "Main",
    nav_notices: "Notices", nav_winners: "Won in both", nav_console: "Cypher console", nav_api: "API docs",
    search_label: "Search localities, topics, departments, notices, measures", search_placeholder: "Search localities, topics, departments, notices, measures",
    search_results: "Suggestions", no_results: "Nothing found", results_count: (n) => `${n} suggestions`,
    footer: "Every fact leads back to its place in the source text. Data from the loaded government documents.", lang_switch: "切换到中文",
    k_Locality: "Locality", k_Department: "Department", k_Notice: "Notice", k_Measure: "Measure", k_Award: "Award", k_Topic: "Topic",
    home_title: "Supervision-incentive knowledge graph", home_intro: "Government notices set out incentive measures led by departments; award announcements name the localities that won. Search places, departments and notices, and see each award with its source text.",
    graph_size: (n, r) => `${n} nodes and ${r} relationships in the graph`, examples: "Start here", latest_notices: "Loaded notices",
    ex_locality: "Awards of 渝北区 (Yubei)", ex_winners: "Won for both ecology and investment in 2020", ex_console: "Localities ranked by awards",
    level: "Level", parent: "Part of", children: "Contains", awards: "Awards", awards_by_year: "Awards by year",
    awards_by_topic: "Awards by topic", award_history: "Award history", year: "Year", all_years: "All years",
    measure: "Measure", notice: "Notice", amount: "Amount (yuan)", topics: "Topics", source: "Source", open_source: "Show in source",
    departments_impl: "Implementing departments", show_graph: "Show on the graph", rdf: "RDF (Turtle)", show_year: (y) => `Only ${y}`,
    awards_in_year: (n, y) => `${n} awards in ${y}`, awards_all: (n) => `${n} awards`,
    leads: "Measures it leads", supports: "Measures it supports", co_leads: "Co-leading departments", jurisdiction: "Jurisdiction",
    measures: "Measures", winners: "Winners", lead_departments: "Lead departments", supporting_departments: "Supporting departments",
    ordinal: "No.", text: "Text", doc_number: "Document number", issuer: "Issuer", date: "Date", work_year: "Work year",
    kind: "Kind", cites: "Cites", supersedes: "Supersedes", diff: "Changes against the previous notice", diff_against: "Compared with",
    diff_none: "No earlier notice of the same issuer (or jurisdiction) to compare with.", change: "Change", old_ordinal: "Old no.", new_ordinal: "New no.",
    ch_added: "added", ch_dropped: "dropped", ch_reworded: "re-worded", ch_departments_changed: "departments changed", ch_unchanged: "unchanged", departments: "Departments (before → after)", show_winners: "Show winners",
    source_title: "Source text", span: (s, e) => `characters ${s}–${e}`, source_missing: "Source text not available",
    graph_title: "Graph", filters: "Filters", rel_types: "Relationship types", topic: "Topic", all_topics: "All topics",
    legend: "Legend", node_list: "Nodes", expand: "Expand", expanded: "expanded", selected: "Selected node", open_profile: "Open profile",
    graph_help: "Click a node to expand its relationships, a \"+N more\" node for the next page; drag nodes or the background, wheel to zoom. From the keyboard, use the node list beside the graph.",
    n_more: (n, kind) => `+${n} more (${kind})`, show_more: "show the next page", hide_node: "Hide from the graph", restore_hidden: (n) => `Show ${n} hidden nodes again`,
    graph_library_missing: "The graph library (Cytoscape.js) is not installed: run make vendor (or make run) in the project folder, then reload. The rest of the explorer works.",
    zoom_in: "Zoom in", zoom_out: "Zoom out", zoom_fit: "Fit", graph_counts: (n, e) => `${n} nodes and ${e} relationships shown`,
    winners_title_all: "Won in both: localities awarded under every chosen topic", winners_title_any: "Winners: localities awarded under any chosen topic", pick_topics: "Topics",
    match: "Awarded under", match_all: "every topic", match_any: "any topic", or: "or", filter_topics: "Filter topics",
    year_from: "From year", year_to: "To year", any: "Any", scope: "Within (a locality and below)", run: "Find",
    download_csv: "Download CSV", n_winners: (n) => `${n} localities`, evidence: "Evidence", need_topics: "Choose at least one topic.",
    console_title: "Cypher console (read-only)", named_queries: "Named queries as examples", pick_query: "Choose a named query…",
    query_text: "Cypher query", params: "Parameters (JSON)", as_table: "Table", show_as: "Show results as", as_graph: "Graph", rows: (n) => `${n} rows`,
    console_help: "Read-only: writes are refused; 5 s and 1000 rows at most. Ctrl+Enter runs.", no_graph: "No nodes in these results to draw.",
    err_network: "Cannot reach the server; check the connection and try again.", err_missing: "No such record.", err_server: (s) => `Server error (${s}).`, err_rejected: (s) => `The request was refused (${s}).`,
    money_by_year: "Award money by year (yuan)", compact_yuan: (n) => (n >= 1e6 ? `${(n / 1e6).toFixed(1)}M` : n >= 1e3 ? `${Math.round(n / 1e3)}k` : String(n)),
    download_json: "Download JSON", download_evidence: "Download all evidence (CSV)",
    cite: "Cite", cite_text: "Citation", copy: "Copy", copied: "Copied", permalink: "Link to this page", data_uri: "Data URI",
    linked_data: "Linked Data", export_notice: "All data of this notice", export_locality: "All data of this locality", catalog: "Data catalogue (DCAT)",
    accessed: (d) => `accessed ${d}`, quoted: "Quoted from the source", publisher: "Supervision-incentive knowledge graph", title: "Title", winners_by_year: "Localities awarded per year", years: "Years", filter_list: "Filter the list", filtered_from: (m) => ` (filtered from ${m})`,
    err_detail: "Technical detail", retry: "Try again", n_of_m: (n, m) => `${n} of ${m}`, range_of: (a, b, m) => `${a}–${b} of ${m}`,
    prev_page: "Previous", next_page: "Next", all_notices: "All notices", pages: "Pages",
    notices_title: "Notices", error: "Something went wrong", not_found: "No such page.", topic_measures: "Measures about it",
    nk_measures_notice: "measures notice", nk_award_notice: "award announcement", nk_news_report: "news report", nk_implementation_rules: "implementation rules", nk_plan: "plan",
    lv_country: "country", lv_province: "province", lv_prefecture: "prefecture", lv_county: "county", lv_zone: "zone", lv_base: "base", lv_township: "township", lv_village: "village",
    r_HAS_MEASURE: "has measure", r_LED_BY: "led by", r_SUPPORTED_BY: "supported by", r_ABOUT: "about", r_RECEIVED: "received",
    r_UNDER: "under", r_ANNOUNCED_IN: "announced in", r_IMPLEMENTED_BY: "implemented by", r_PART_OF: "part of", r_OF: "of",
    r_ISSUED_BY: "issued by", r_CITES: "cites", r_SUPERSEDES: "supersedes", r_IMPLEMENTS: "implements", r_AWARDED_UNDER: "awarded under",
  },
};

export let lang = localStorage.getItem("ikg-lang") === "en" ? "en" : "zh";

export function t(key, ...args) {
  const value = TEXT[lang][key] ?? TEXT.zh[key] ?? key;
  return typeof value === "function" ? value(...args) : value;
}

/** A label for a value with a prefix (kind, level, relationship…), falling back to the value itself. */
export function label(prefix, value) {
  if (value === null || value === undefined) return "—";
  const key = `${prefix}_${value}`;
  return TEXT[lang][key] ? t(key) : value;
}

export function topicLabel(topics, id) {
  const topic = topics.get(id);
  if (!topic) return id;
  return lang === "en" ? topic.label_en : topic.label_zh;
}

export function setLang(next) {
  lang = next;
  localStorage.setItem("ikg-lang", next);
  applyStatic();
}

/** The page's fixed text (header, footer) in the current language. */
export function applyStatic() {
  document.documentElement.lang = lang === "en" ? "en" : "zh-CN";
  for (const el of document.querySelectorAll("[data-i18n]")) el.textContent = t(el.dataset.i18n);
  for (const el of document.querySelectorAll("[data-i18n-placeholder]")) el.placeholder = t(el.dataset.i18nPlaceholder);
  for (const el of document.querySelectorAll("[data-i18n-aria-label]")) el.setAttribute("aria-label", t(el.dataset.i18nAriaLabel));
  const toggle = document.getElementById("lang-toggle");
  toggle.textContent = lang === "en" ? "中文" : "English";
  toggle.lang = lang === "en" ? "zh-CN" : "en";
  toggle.setAttribute("aria-label", t("lang_switch"));
}

const HAN = /[\u3400-\u9fff\uf900-\ufaff]/;

/** In English mode, Chinese text from the data is marked lang="zh" (its element, or a span around it), so screen
 * readers and fonts treat it as Chinese. Idempotent; app.js runs it on each view and on the views' later changes. */
export function markChinese(root) {
  if (lang !== "en" || !root) return;
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  const found = [];
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const owner = node.parentElement;
    if (HAN.test(node.data) && owner && !owner.closest("[lang^=zh]")) found.push(node);
  }
  for (const node of found) {
    const owner = node.parentElement;
    if (owner.childNodes.length === 1 || owner.namespaceURI !== document.documentElement.namespaceURI) owner.setAttribute("lang", "zh");
    else wrap(node, h("span", { lang: "zh" }));
  }
}
