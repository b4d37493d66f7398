// Labels in Chinese first (as the published tables print them) and English.
// The choice is kept in localStorage; ?lang=en in the address also sets it.
const strings = {
  nav_overview: ['总览', 'Overview'],
  nav_search: ['查询', 'Search'],
  nav_compare: ['对比', 'Compare'],
  nav_upload: ['上传', 'Upload'],
  switch_lang: ['English', '中文'],
  loading: ['加载中…', 'Loading…'],
  documents: ['文档', 'Documents'],
  departments: ['部门', 'Departments'],
  units: ['资金使用单位', 'Units'],
  projects: ['项目', 'Projects'],
  indicators: ['指标', 'Indicators'],
  years: ['年度', 'Years'],
  year: ['年度', 'Year'],
  year_unknown: ['未注明', 'not stated'],
  list_sep: ['、', ', '],
  colon: ['：', ': '],
  department: ['部门名称', 'Department'],
  unit: ['资金使用单位', 'Unit'],
  project: ['项目名称', 'Project'],
  total: ['总计', 'Total'],
  fiscal: ['财政拨款', 'Fiscal appropriation'],
  special: ['财政专户拨款', 'Special account'],
  other: ['其他资金', 'Other funds'],
  goal: ['绩效目标', 'Performance goal'],
  purpose: ['预算规模及资金用途', 'Budget and use of funds'],
  level1: ['一级指标', 'Level 1'],
  level2: ['二级指标', 'Level 2'],
  level3: ['三级指标', 'Indicator'],
  period_target: ['实施周期指标值', 'Period target'],
  annual_target: ['年度指标值', 'Annual target'],
  target_kind: ['指标值类型', 'Target kind'],
  amount_unit: ['单位', 'Amount unit'],
  totals_by_source: ['资金来源合计', 'Totals by funding source'],
  totals_by_year: ['各年度资金', 'Funding by year'],
  findings_by_severity: ['审核发现（按严重程度）', 'Findings by severity'],
  findings: ['审核发现', 'Findings'],
  error: ['错误', 'Error'],
  warning: ['警告', 'Warning'],
  notice: ['提示', 'Notice'],
  quality: ['质量分', 'Quality'],
  quality_ranking: ['质量评分排名（部门）', 'Quality score ranking (departments)'],
  worst_projects: ['质量分最低的项目', 'Lowest-scoring projects'],
  top_departments: ['资金最多的部门', 'Largest departments by funds'],
  recent_documents: ['文档列表', 'Documents'],
  title: ['标题', 'Title'],
  source: ['来源', 'Source'],
  layout: ['版式', 'Layout'],
  open: ['打开', 'Open'],
  no_data: ['暂无数据', 'No data'],
  empty_db: ['数据库中还没有文档。请用 jixiao ingest 导入，或在“上传”页上传。', 'No documents yet. Ingest some with jixiao ingest, or use the Upload page.'],
  source_lines: ['原文', 'Source'],
  source_hint: ['点击表格中的单元格或审核发现，查看原文行。', 'Click a cell or a finding to see its source lines.'],
  source_unavailable: ['原文不可用', 'Source not available'],
  line: ['行', 'line'],
  page: ['页', 'page'],
  whole_document: ['整个文档', 'Whole document'],
  whole_document_source: ['该发现针对整个文档，没有单独的原文位置。', 'This finding is about the whole document; it has no single place in the source.'],
  fix: ['建议', 'Suggested fix'],
  difference: ['差额', 'Difference'],
  diagnostics: ['读取提示', 'Reader diagnostics'],
  score: ['得分', 'Score'],
  completeness: ['完整性', 'Completeness'],
  measurability: ['可衡量性', 'Measurability'],
  consistency: ['一致性', 'Consistency'],
  search_text: ['关键词', 'Text'],
  search_kind: ['查询对象', 'Search for'],
  all: ['全部', 'All'],
  qualitative_only: ['仅定性指标', 'Qualitative targets only'],
  search: ['查询', 'Search'],
  results: ['条结果', 'results'],
  more_results: ['超过 {0} 条结果', 'More than {0} results'],
  page_n: ['第 {0} 页', 'Page {0}'],
  prev: ['上一页', 'Previous'],
  next: ['下一页', 'Next'],
  page_of: ['第 {0} / {1} 页', 'Page {0} of {1}'],
  download_csv: ['下载 CSV', 'Download CSV'],
  download_xlsx: ['下载 XLSX', 'Download XLSX'],
  compare_kind: ['对比对象', 'Compare'],
  compare_name: ['名称', 'Name'],
  compare_hint: ['输入三级指标或项目名称，例如 设备维护响应率', 'Type an indicator or project name, e.g. 设备维护响应率'],
  compare_chart: ['各部门、各年度的目标值', 'Targets across departments and years'],
  compare_amounts: ['各部门、各年度的资金', 'Funds across departments and years'],
  common_names: ['常见名称', 'Common names'],
  occurrences: ['次数', 'Count'],
  number: ['数值', 'Figure'],
  upload_title: ['上传绩效目标表', 'Upload target tables'],
  upload_hint: ['把 PDF、DOCX、XLSX 或文本文件拖到这里，或点击选择文件。', 'Drop PDF, DOCX, XLSX or text files here, or click to choose.'],
  upload_disabled: ['服务器未开启上传（启动时加 --allow-upload）。', 'Uploads are off on this server (start it with --allow-upload).'],
  upload_limit: ['单个文件不超过 {0}。', 'At most {0} per file.'],
  token: ['访问令牌', 'Token'],
  uploading: ['正在上传…', 'Uploading…'],
  uploaded: ['已导入', 'Ingested'],
  upload_failed: ['上传失败', 'Upload failed'],
  error_prefix: ['出错了：', 'Error: '],
  not_found: ['没有找到', 'Not found'],
  kind_quantitative: ['定量', 'quantitative'],
  kind_qualitative: ['定性', 'qualitative'],
  kind_period: ['时间', 'period'],
  kind_text: ['文字', 'text'],
  kind_empty: ['空', 'empty'],
};

let lang = (() => {
  const fromUrl = new URLSearchParams(location.search).get('lang');
  if (fromUrl === 'en' || fromUrl === 'zh') return fromUrl;
  try {
    return localStorage.getItem('jixiao.lang') === 'en' ? 'en' : 'zh';
  } catch {
    return 'zh';
  }
})();

export function currentLang() {
  return lang;
}

export function setLang(next) {
  lang = next === 'en' ? 'en' : 'zh';
  try {
    localStorage.setItem('jixiao.lang', lang);
  } catch {
    /* private mode: the choice lasts for this page only */
  }
  document.documentElement.lang = lang === 'en' ? 'en' : 'zh-CN';
}

// t('page_of', 2, 9) fills {0}, {1}…; an unknown key shows itself, so a
// missing label is visible rather than blank.
export function t(key, ...args) {
  const entry = strings[key];
  let text = entry ? entry[lang === 'en' ? 1 : 0] : key;
  args.forEach((a, i) => {
    text = text.replace(`{${i}}`, String(a));
  });
  return text;
}

export function severityLabel(s) {
  return t(s) || s;
}
