#!/usr/bin/env python3
"""Write a gold jixiao/1 reading back out as an original: HTML (to print to
PDF with headless Chromium), DOCX or XLSX, laid out as the two published
templates are (the Guangdong summary table, the central per-project grid).

  originals_from_gold.py GOLD.json OUT.{html,docx,xlsx} [--row-height N]

Only the standard library: the project's render stage (jixiao render) is the
real generator; this makes test originals independent of it. --row-height
pads goal cells so a table row is taller than a page (a row cut by a page
break) when printed.
"""
import html, json, sys, zipfile
from xml.sax.saxutils import escape

L1 = {"产出指标": 1, "效益指标": 2, "满意度指标": 3, "成本指标": 4}
L2 = {"数量指标": 11, "质量指标": 12, "时效指标": 13, "成本指标": 14, "经济效益指标": 21, "社会效益指标": 22,
      "生态效益指标": 23, "可持续影响指标": 24, "服务对象满意度指标": 31, "经济成本指标": 41,
      "社会成本指标": 42, "生态环境成本指标": 43}


def amt(a, k):
    if not a or a.get(k) is None:
        return ""
    v = a[k]
    whole, _, frac = v.partition(".")
    neg = whole.startswith("-")
    whole = whole.lstrip("-")
    groups = []
    while len(whole) > 3:
        groups.insert(0, whole[-3:])
        whole = whole[:-3]
    groups.insert(0, whole)
    return ("-" if neg else "") + ",".join(groups) + ("." + frac if frac else "")


def inline_indicators(inds):
    out = []
    for k, i in enumerate(inds, 1):
        l1 = i.get("level1") or ""
        l2 = i.get("level2") or ""
        c1 = L1.get(l1, 0)
        c2 = L2.get(l2, 0)
        l2p = l2[:-2] if l2.endswith("指标") and l2 not in ("数量指标", "质量指标", "时效指标", "成本指标") and c2 < 30 else l2
        if c2 == 31:
            l2p = "服务对象满意度"
        s = f"{k}、{c1}-{l1}；{c2}-{l2p}；{i['name']}；实施周期指标值:{i.get('period_target') or ''}；年度指标值:{i.get('annual_target') or ''}。"
        out.append(s)
    return "".join(out)


def summary_rows(g):
    """(kind, cells) rows of the summary template; kind: title/para/head/row."""
    rows = [("title", [g.get("title") or "项目支出绩效目标表"]),
            ("para", [f"部门名称：{g.get('department') or ''}", f"单位：{g.get('amount_unit') or '万元'}"]),
            ("head", ["项目名称（资金使用单位）", "总计", "财政拨款", "财政专户拨款", "其他资金", "绩效目标", "绩效指标"])]
    t = g.get("total")
    if t:
        rows.append(("row", ["合计", amt(t, "total"), amt(t, "fiscal"), amt(t, "special"), amt(t, "other"), "", ""]))
    for u in g["units"]:
        a = u.get("amounts")
        rows.append(("unit", [u["name"], amt(a, "total"), amt(a, "fiscal"), amt(a, "special"), amt(a, "other"), "", ""]))
        for p in u["projects"]:
            a = p["amounts"]
            rows.append(("project", [p.get("name") or "", amt(a, "total"), amt(a, "fiscal"), amt(a, "special"),
                                     amt(a, "other"), p.get("goal") or "", inline_indicators(p["indicators"])]))
    return rows


def grid_tables(g):
    """Per project: title, department line, and the grid as rows of (text, colspan, rowspan)."""
    out = []
    for u in g["units"]:
        for n, p in enumerate(u["projects"], 1):
            a = p["amounts"]
            dept = (g.get("department_code") or "") + (g.get("department") or "")
            rows = [[(dept, 4, 1), ("单位：" + (g.get("amount_unit") or "万元"), 3, 1)],
                    [("项目名称", 1, 1), (p.get("name") or "", 6, 1)],
                    [("预算规模及资金用途", 1, 2), ("预算数", 1, 1), (amt(a, "total"), 1, 1), ("其中：财政资金", 1, 1),
                     (amt(a, "fiscal"), 1, 1), ("其他资金", 1, 1), (amt(a, "other"), 1, 1)],
                    [(p.get("purpose") or "", 6, 1)],
                    [("绩效目标", 1, 1), (p.get("goal") or "", 6, 1)],
                    [("一级指标", 1, 1), ("二级指标", 1, 1), ("三级指标", 2, 1), ("绩效指标描述", 2, 1), ("指标值", 1, 1)]]
            inds = p["indicators"]
            k = 0
            while k < len(inds):
                m = k
                while m < len(inds) and inds[m]["level1"] == inds[k]["level1"]:
                    m += 1
                for r in range(k, m):
                    i = inds[r]
                    row = []
                    if r == k:
                        row.append((i["level1"] or "", 1, m - k))
                    row += [(i["level2"] or "", 1, 1), (i["name"], 2, 1), (i.get("description") or "", 2, 1),
                            (i.get("annual_target") or "", 1, 1)]
                    rows.append(row)
                k = m
            title = f"{n}.{p.get('name') or ''}绩效目标表"
            dept = (g.get("department_code") or "") + (g.get("department") or "")
            out.append((title, dept, rows))
    return out


def is_grid(g):
    return any(p.get("purpose") or any(i.get("description") for i in p["indicators"])
               for u in g["units"] for p in u["projects"])


CSS = """body{font-family:'Droid Sans Fallback',sans-serif;font-size:9pt}
table{border-collapse:collapse;width:100%;margin-bottom:8pt}td,th{border:0.75pt solid #000;padding:2pt 3pt;vertical-align:middle}
th{font-weight:normal}h3{text-align:center;font-size:12pt}td.n{text-align:right;white-space:nowrap}"""


def write_html(g, path, row_height=0):
    e = html.escape
    out = ["<!DOCTYPE html><html><head><meta charset='utf-8'><style>", CSS, "</style></head><body>"]
    if is_grid(g):
        for title, dept, rows in grid_tables(g):
            out.append(f"<h3>{e(title)}</h3><table>")
            for row in rows:
                out.append("<tr>" + "".join(
                    f"<td colspan={c} rowspan={r}>{e(t)}</td>" for t, c, r in row) + "</tr>")
            out.append("</table>")
    else:
        for kind, cells in summary_rows(g):
            if kind == "title":
                out.append(f"<h3>{e(cells[0])}</h3>")
            elif kind == "para":
                out.append("<p>" + "　　".join(e(c) for c in cells) + "</p><table>")
            elif kind == "head":
                out.append("<thead><tr>" + "".join(f"<th>{e(c)}</th>" for c in cells) + "</tr></thead><tbody>")
            else:
                style = f" style='height:{row_height}pt'" if row_height and kind == "project" else ""
                tds = [f"<td>{e(cells[0])}</td>"] + [f"<td class=n>{e(c)}</td>" for c in cells[1:5]] + \
                      [f"<td>{e(c)}</td>" for c in cells[5:]]
                out.append(f"<tr{style}>" + "".join(tds) + "</tr>")
        out.append("</tbody></table>")
    out.append("</body></html>")
    open(path, "w", encoding="utf-8").write("".join(out))


W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'


def docx_para(t):
    return f"<w:p><w:r><w:t xml:space=\"preserve\">{escape(t)}</w:t></w:r></w:p>"


def docx_cell(t, span=1, vmerge=None):
    pr = ""
    if span > 1:
        pr += f"<w:gridSpan w:val=\"{span}\"/>"
    if vmerge == "restart":
        pr += "<w:vMerge w:val=\"restart\"/>"
    elif vmerge == "continue":
        pr += "<w:vMerge/>"
    paras = "".join(docx_para(x) for x in (t.split("\n") if t else [""]))
    return f"<w:tc><w:tcPr>{pr}</w:tcPr>{paras}</w:tc>"


def write_docx(g, path):
    body = []
    if is_grid(g):
        for title, dept, rows in grid_tables(g):
            body.append(docx_para(title))
            body.append("<w:tbl>")
            pending = {}  # column → rows still covered
            for row in rows:
                cells, col = [], 0
                it = iter(row)
                items = list(row)
                k = 0
                while k < len(items) or any(c >= col and left > 0 for c, left in pending.items()):
                    if pending.get(col, 0) > 0:
                        cells.append(docx_cell("", 1, "continue"))
                        pending[col] -= 1
                        col += 1
                        continue
                    if k >= len(items):
                        break
                    t, c, r = items[k]
                    k += 1
                    if r > 1:
                        pending[col] = r - 1
                    cells.append(docx_cell(t, c, "restart" if r > 1 else None))
                    col += c
                body.append("<w:tr>" + "".join(cells) + "</w:tr>")
            body.append("</w:tbl>")
    else:
        for kind, cells in summary_rows(g):
            if kind == "title":
                body.append(docx_para(cells[0]))
            elif kind == "para":
                body.append(docx_para(" ".join(cells)))
                body.append("<w:tbl>")
            else:
                body.append("<w:tr>" + "".join(docx_cell(c) for c in cells) + "</w:tr>")
        body.append("</w:tbl>")
    doc = f"<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?><w:document {W}><w:body>{''.join(body)}</w:body></w:document>"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>')
        z.writestr("_rels/.rels", '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>')
        z.writestr("word/document.xml", doc)


def col_name(c):
    s = ""
    c += 1
    while c:
        c, r = divmod(c - 1, 26)
        s = chr(65 + r) + s
    return s


def write_xlsx(g, path):
    strings, index = [], {}

    def sid(t):
        if t not in index:
            index[t] = len(strings)
            strings.append(t)
        return index[t]

    grid, merges = [], []  # grid: list of rows of (col, text, numeric)
    r = 0

    def put(row_cells):
        nonlocal r
        grid.append((r, row_cells))
        r += 1

    if is_grid(g):
        for title, dept, rows in grid_tables(g):
            put([(0, title, False)]); merges.append(f"A{r}:G{r}")
            covered = {}
            for row in rows:
                cells, col = [], 0
                for t, c, rs in row:
                    while covered.get((r, col)):
                        col += 1
                    num = t.replace(",", "").replace(".", "", 1).isdigit() and "." in t
                    cells.append((col, t, num))
                    if c > 1 or rs > 1:
                        merges.append(f"{col_name(col)}{r + 1}:{col_name(col + c - 1)}{r + rs}")
                    for dr in range(1, rs):
                        for dc in range(c):
                            covered[(r + dr, col + dc)] = True
                    col += c
                put(cells)
            put([])
    else:
        for kind, cells in summary_rows(g):
            if kind == "title":
                put([(0, cells[0], False)]); merges.append(f"A{r}:G{r}")
            elif kind == "para":
                put([(0, cells[0], False), (6, cells[1], False)])
            else:
                put([(k, c, kind != "head" and 1 <= k <= 4 and c != "") for k, c in enumerate(cells)])
    rows_xml = []
    for rr, cells in grid:
        cx = []
        for c, t, num in cells:
            if t == "":
                continue
            ref = f"{col_name(c)}{rr + 1}"
            if num:
                cx.append(f'<c r="{ref}" s="1"><v>{t.replace(",", "")}</v></c>')
            else:
                cx.append(f'<c r="{ref}" t="s"><v>{sid(t)}</v></c>')
        rows_xml.append(f'<row r="{rr + 1}">{"".join(cx)}</row>')
    mx = f'<mergeCells count="{len(merges)}">' + "".join(f'<mergeCell ref="{m}"/>' for m in merges) + "</mergeCells>" if merges else ""
    ns = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"'
    sheet = f'<?xml version="1.0" encoding="UTF-8"?><worksheet {ns}><sheetData>{"".join(rows_xml)}</sheetData>{mx}</worksheet>'
    sst = f'<?xml version="1.0" encoding="UTF-8"?><sst {ns} count="{len(strings)}">' + "".join(
        f'<si><t xml:space="preserve">{escape(s)}</t></si>' for s in strings) + "</sst>"
    styles = f'<?xml version="1.0" encoding="UTF-8"?><styleSheet {ns}><numFmts count="1"><numFmt numFmtId="164" formatCode="#,##0.00"/></numFmts><cellXfs count="2"><xf numFmtId="0"/><xf numFmtId="164" applyNumberFormat="1"/></cellXfs></styleSheet>'
    wb = f'<?xml version="1.0" encoding="UTF-8"?><workbook {ns}><sheets><sheet name="绩效目标表" sheetId="1" r:id="rId1"/></sheets></workbook>'
    rels = '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/><Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/></Relationships>'
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>')
        z.writestr("_rels/.rels", '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>')
        z.writestr("xl/workbook.xml", wb)
        z.writestr("xl/_rels/workbook.xml.rels", rels)
        z.writestr("xl/worksheets/sheet1.xml", sheet)
        z.writestr("xl/sharedStrings.xml", sst)
        z.writestr("xl/styles.xml", styles)


def main():
    args = sys.argv[1:]
    row_height = 0
    if "--row-height" in args:
        k = args.index("--row-height")
        row_height = int(args[k + 1])
        del args[k:k + 2]
    gold, out = args
    g = json.load(open(gold, encoding="utf-8"))
    if out.endswith(".html"):
        write_html(g, out, row_height)
    elif out.endswith(".docx"):
        write_docx(g, out)
    elif out.endswith(".xlsx"):
        write_xlsx(g, out)
    else:
        sys.exit("output must end in .html, .docx or .xlsx")


if __name__ == "__main__":
    main()
