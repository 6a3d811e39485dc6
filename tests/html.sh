#!/bin/sh
# tests/html.sh — the HTML report (tenken eval --format=html): a page that
# real parsers accept, the totals and section subtotals of S0004, a radar
# chart with one labelled spoke per item, texts in the language asked for,
# nothing that runs or loads from elsewhere, every text escaped, and for the
# cloud-adoption example the items that hold back the next stage.
# tests/html/render.sh looks at the page in Chromium.
# shellcheck source-path=SCRIPTDIR source=lib.sh
. "$(dirname "$0")/lib.sh"

cd "$top_srcdir" || exit 99
safe_use=rules/cloud-safe-use/safe-use.tkn
adoption=rules/cloud-adoption/adoption.tkn

# html NAME ARGS...: run tenken eval --format=html ARGS into $scratch/NAME.html;
# one test that it exits 0 and writes no diagnostics.
html() {
    name=$1
    shift
    run_tenken eval --format=html "$@" >"$scratch/$name.html" 2>"$scratch/$name.err"
    status=$?
    if [ "$status" -eq 0 ] && [ ! -s "$scratch/$name.err" ]; then
        ok "$name: exit status 0, no diagnostics"
    else
        echo "exit status $status" >>"$scratch/$name.err"
        not_ok "$name: exit status 0, no diagnostics" "$scratch/$name.err"
    fi
}

# parses NAME: libxml2's HTML parser and its XML parser both accept the page.
# The HTML parser of libxml2 before 2.14 knows HTML 4 only and calls every
# HTML5 and SVG element "invalid"; those complaints (and only those) are
# dropped, anything else it says fails the test. The XML parser checks that
# every element is closed and every attribute quoted.
parses() {
    file="$scratch/$1.html"
    xmllint --html --noout "$file" >"$scratch/xmllint.out" 2>&1
    awk '/parser error/ {
             skip = ($0 ~ /Tag (section|header|footer|figure|figcaption|svg|g|path|polygon|line|circle|text|tspan) invalid/)
         }
         !skip' "$scratch/xmllint.out" >"$scratch/xmllint.errors"
    if [ -s "$scratch/xmllint.errors" ]; then
        not_ok "$1: xmllint --html finds no errors" "$scratch/xmllint.errors"
    else
        ok "$1: xmllint --html finds no errors"
    fi
    if xmllint --noout "$file" >"$scratch/xml.out" 2>&1; then
        ok "$1: well-formed as XML too"
    else
        not_ok "$1: well-formed as XML too" "$scratch/xml.out"
    fi
}

# has NAME TEST-NAME PATTERN: the page holds the fixed string PATTERN.
has() {
    if grep -q -F -e "$3" "$scratch/$1.html"; then ok "$1: $2"; else
        echo "no '$3' in the page" >"$scratch/has.out"
        not_ok "$1: $2" "$scratch/has.out"
    fi
}

# lacks NAME TEST-NAME PATTERN: the page does not hold the string PATTERN
# (grep -i -E).
lacks() {
    if grep -n -i -E -e "$3" "$scratch/$1.html" >"$scratch/lacks.out"; then
        not_ok "$1: $2" "$scratch/lacks.out"
    else
        ok "$1: $2"
    fi
}

# count NAME TEST-NAME PATTERN EXPECTED: PATTERN (fixed) occurs EXPECTED times.
count() {
    found=$(grep -o -F -e "$3" "$scratch/$1.html" | wc -l | tr -d ' ')
    if [ "$found" = "$4" ]; then ok "$1: $2"; else
        echo "'$3' occurs $found times, not $4" >"$scratch/count.out"
        not_ok "$1: $2" "$scratch/count.out"
    fi
}

# {=== S0004, in Japanese ===}

html s0004 "$safe_use" examples/safe-use/S0004-crm-zzz.yaml
parses s0004
has s0004 "an HTML5 page in Japanese" '<html lang="ja">'
count s0004 "one document" '<!DOCTYPE html>' 1
has s0004 "the subject" '<h1>S0004 クラウド顧客管理システムZZZ</h1>'
has s0004 "the assessor" '<dt>評価者</dt><dd>山田 一郎</dd>'
has s0004 "the assessed date" '<dt>評価日</dt><dd>2024-11-06</dd>'
has s0004 "the rules" '<dd><code>cloud.safe_use</code></dd>'
has s0004 "the totals 38 / 45" '<span class="score">38 / 45</span><span>安全利用チェックレベル評価点</span>'
for section in 'Ⅰ．サービス選択時のポイント' 'Ⅱ．サービス運用時のポイント' 'Ⅲ．セキュリティ管理のポイント'; do
    has s0004 "section $section" "$section"
done
has s0004 "subtotal of section Ⅰ: 16 / 18" 'Ⅰ．サービス選択時のポイント</td><td class="num">16 / 18</td>'
has s0004 "subtotal of section Ⅱ: 9 / 12" 'Ⅱ．サービス運用時のポイント</td><td class="num">9 / 12</td>'
has s0004 "subtotal of section Ⅲ: 13 / 15" 'Ⅲ．セキュリティ管理のポイント</td><td class="num">13 / 15</td>'
count s0004 "one radar chart" '<svg class="radar-chart"' 1
count s0004 "exactly 15 labelled spokes" 'class="spoke-label"' 15
count s0004 "15 spoke lines" '<line class="spoke"' 15
count s0004 "15 answered points" '<circle class="radar-point"' 15
count s0004 "rings 1, 2 and 3" '<polygon class="ring"' 3
count s0004 "one filled area" 'class="radar-area"' 1
for item in 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15; do
    count s0004 "spoke $item is labelled once" "<text class=\"spoke-label\" data-item=\"$item\"" 1
done
has s0004 "spoke 1 carries the short label" '<tspan class="spoke-id" fill="#0072B2" font-weight="bold">1</tspan> 利用業務の明'
has s0004 "spoke 8 is coloured as section Ⅱ" '<tspan class="spoke-id" fill="#D55E00" font-weight="bold">8</tspan>'
has s0004 "spoke 15 is coloured as section Ⅲ" '<tspan class="spoke-id" fill="#009E73" font-weight="bold">15</tspan>'
# item 1 (3 of 3) lies on the outer ring at the top: centre (380, 250), radius 170
has s0004 "a 3/3 item on the outer ring" '<circle class="radar-point" cx="380" cy="80"'
has s0004 "the gap with the largest gain first" '<tr class="gap" data-item="10">'
lacks s0004 "no gaps drawn: every item answered" 'class="chart-gaps"'
lacks s0004 "no script" '<script'
lacks s0004 "no http:// or https:// reference" 'https?://'
lacks s0004 "nothing loaded from elsewhere" '<link|<img|<iframe|<object|<embed|src=|href=|url\(|@import'
lacks s0004 "no event handler attributes" ' on[a-z]+='
has s0004 "prints on A4" '@page{size:A4'
has s0004 "a page break between answer sets" '.answer-set+.answer-set{break-before:page}'

# Extract the spoke labels' texts, without tags, one per line.
spoke_texts() {
    grep '^<text class="spoke-label"' "$scratch/$1.html" | sed 's/<[^>]*>//g'
}
spoke_texts s0004 >"$scratch/labels.ja"
if grep -q '^1 利用業務の明確化ステータス$' "$scratch/labels.ja" &&
   grep -q '^15 データの地理的保存先チェック$' "$scratch/labels.ja"; then
    ok "s0004: the Japanese labels on the spokes"
else
    not_ok "s0004: the Japanese labels on the spokes" "$scratch/labels.ja"
fi

# {=== S0004, in English ===}

html s0004-en --lang=en "$safe_use" examples/safe-use/S0004-crm-zzz.yaml
parses s0004-en
has s0004-en "an HTML5 page in English" '<html lang="en">'
has s0004-en "English headings" '<caption class="note">Subtotals by section</caption>'
has s0004-en "the English header" '<dt>Assessor</dt><dd>山田 一郎</dd>'
has s0004-en "the totals with the English title" '<span class="score">38 / 45</span><span>Safe-use check level score</span>'
has s0004-en "English section names" 'I. Points when selecting a service'
count s0004-en "exactly 15 labelled spokes" 'class="spoke-label"' 15
spoke_texts s0004-en >"$scratch/labels.en"
if grep -q '^1 Clarification status of business use$' "$scratch/labels.en" &&
   grep -q '^15 Geographic data-storage location check$' "$scratch/labels.en"; then
    ok "s0004-en: the English labels on the spokes"
else
    not_ok "s0004-en: the English labels on the spokes" "$scratch/labels.en"
fi
lacks s0004-en "no Japanese item labels" '利用業務|区分別|評価者'

# {=== gaps in the chart ===}

html partial "$safe_use" tests/html/partial.yaml
parses partial
count partial "15 labelled spokes, answered or not" 'class="spoke-label"' 15
count partial "13 answered points" '<circle class="radar-point"' 13
count partial "two dashed spokes" 'stroke-dasharray' 2
has partial "the gap at spoke 3 is said so" '<tspan class="gap-note" fill="#9a6700" x="516.7" dy="13">(未回答)</tspan></text>'
has partial "the gap at spoke 10 is said so" 'データバックアップ状況</tspan><tspan class="gap-note" fill="#9a6700" x="271.8" dy="13">(未回答)</tspan></text>'
has partial "the caption names the gaps" '<b>3</b> 取り扱う情報の重要度 (<span class="state-unanswered">未回答</span>), <b>10</b>'
has partial "the total waits" '<span class="score">未確定 / 45</span>'
has partial "unanswered items lead the gaps" '<tr class="gap" data-item="3">'

# {=== several answer sets: one page ===}

html register "$safe_use" examples/safe-use/register.yaml
parses register
count register "one document" '<!DOCTYPE html>' 1
count register "one section per answer set" '<section class="answer-set"' 5
count register "one radar chart per answer set" '<svg class="radar-chart"' 5
for total in '37 / 45' '26 / 45' '29 / 45' '17 / 45' '11 / 45'; do
    has register "the total $total" "<span class=\"score\">$total</span>"
done

# {=== escaping ===}

html escaping tests/html/escaping.tkn tests/html/escaping.yaml
parses escaping
lacks escaping "no element from the texts" '<script|<img|<b>太字|<i>first|<em>note|<!--'
has escaping "the subject as text" '<h1>&lt;/h1&gt;&lt;script&gt;alert(&quot;subject&quot;)&lt;/script&gt; &amp; &#39;x&#39;</h1>'
has escaping "the checklist title as text" '&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; co'
has escaping "an item label as text" '&lt;img src=x onerror=alert(1)&gt;'
has escaping "an option label as text" '良い &lt;b&gt;太字&lt;/b&gt;'
has escaping "a note as text" '&lt;em&gt;note&lt;/em&gt; &amp; | pipe'
has escaping "a section title with ]]> as text" 'Ⅱ ]]&gt; &lt;!-- --&gt;'

# {=== Yes/No checklists, gates and stages ===}

html stuck -I . "$adoption" examples/cloud-adoption/stuck-at-stage3.yaml
parses stuck
lacks stuck "no radar chart for Yes/No checklists" 'class="radar-chart"'
has stuck "a compact table of items instead" '<table class="items compact">'
has stuck "the current stage" '<li class="current" data-stage="3">'
has stuck "the next stage" '<li class="next" data-stage="4">'
has stuck "the stage that runs during others" '<li class="entered during" data-stage="x">'
has stuck "the gate that fails" '<div class="gate gate-fail"><p><span class="status status-fail">不通過</span> <code>ready</code> すべて Yes（第３段階：ＩＴガバナンス）'
# what holds back stage 4: the block from <div class="next-stage"> to the end
# of the ladder's section
sed -n '/<div class="next-stage" data-stage="4">/,/^<\/section>$/p' "$scratch/stuck.html" >"$scratch/next-stage"
for expected in 'class="blocking" data-item="4.2"' 'class="blocking" data-item="4.3"' \
                'class="blocking" data-item="5.8"' 'class="blocking" data-item="5.11"' \
                'class="waiting" data-item="5.4"' '<code>stage3_governance.ready</code>' \
                '<code>stage3_core.ready</code>' 'メモ: BCP は作成中'; do
    if grep -q -F -e "$expected" "$scratch/next-stage"; then
        ok "stuck: the next stage shows $expected"
    else
        not_ok "stuck: the next stage shows $expected" "$scratch/next-stage"
    fi
done

html covid -I . "$adoption" examples/cloud-adoption/covid-era-shop.yaml
parses covid
has covid "exclusions with their reasons" '<tr class="exclusion" data-item="1.2"><td>1.2</td>'
has covid "the reason of the exclusion" 'SNS での情報発信等でクラウド導入を行っている場合には除外する項目 <span class="note">(条件 <code>covid_digital</code>)</span>'

# {=== the command line ===}

run_tenken eval --help >"$scratch/help.out" 2>&1
if grep -q 'html (one self-contained page' "$scratch/help.out" && grep -q 'or md (Markdown)' "$scratch/help.out"; then
    ok "eval --help names html and md"
else
    not_ok "eval --help names html and md" "$scratch/help.out"
fi
run_tenken eval --format=pdf "$safe_use" examples/safe-use/S0004-crm-zzz.yaml >/dev/null 2>"$scratch/usage.err"
if [ $? -eq 2 ] && grep -q "html or md, not 'pdf'" "$scratch/usage.err"; then
    ok "an unknown format names html and md"
else
    not_ok "an unknown format names html and md" "$scratch/usage.err"
fi
done_testing
