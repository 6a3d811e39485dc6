#!/bin/sh
# tests/html/render.sh — the HTML report as a browser draws it: headless
# Chromium takes a screenshot of S0004's page, and the PNG must show the
# radar chart's answered area in its fill colour, about as large as the
# answers make it (the polygon's area from the JSON result's points), whole
# (not clipped). A sheet answered わからない throughout has no area at all,
# which shows that the count measures the chart. The self-check's page
# highlights the band reached, and no band while the total is pending. Skipped when Chromium
# (./bootstrap installs it) or the PNG helper (built with zlib) is missing.
# shellcheck source-path=SCRIPTDIR source=../lib.sh
. "$(dirname "$0")/../lib.sh"

cd "$top_srcdir" || exit 99
chromium=${CHROMIUM:-/usr/bin/chromium}
pixels="$top_builddir/tests/html/png-pixels"
if [ ! -x "$chromium" ]; then
    echo "1..0 # SKIP $chromium is not installed (./bootstrap installs Debian's chromium)"
    exit 0
fi
if [ ! -x "$pixels" ]; then
    echo "1..0 # SKIP tests/html/png-pixels was not built (it needs zlib: ./bootstrap)"
    exit 0
fi
if ! command -v jq >/dev/null 2>&1; then
    echo "1..0 # SKIP jq is not installed (./bootstrap installs it)"
    exit 0
fi

safe_use=rules/cloud-safe-use/safe-use.tkn
fill=8FB8E8     # the answered area (AREA_FILL in src/report/html.c)
section_one=0072B2
ring=8A8F98     # the outer ring

# screenshot NAME: Chromium draws $scratch/NAME.html into $scratch/NAME.png.
screenshot() {
    timeout 120 "$chromium" --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
        --disable-background-networking --disable-component-update --disable-sync \
        --force-color-profile=srgb --hide-scrollbars --user-data-dir="$scratch/profile" \
        --screenshot="$scratch/$1.png" --window-size=1200,1600 "file://$scratch/$1.html" \
        >"$scratch/$1.chromium" 2>&1
    if [ -s "$scratch/$1.png" ]; then ok "$1: Chromium takes a screenshot"; else
        not_ok "$1: Chromium takes a screenshot" "$scratch/$1.chromium"
        return 1
    fi
}

# The area of the answered polygon in CSS pixels: spokes at equal angles,
# radius 170 for the scale's maximum (CHART_RADIUS in src/report/html.c).
run_tenken eval --format=json "$safe_use" examples/safe-use/S0004-crm-zzz.yaml >"$scratch/s0004.json"
jq -r '.checklists.safe_use.items | [.[] | .points / .max] | map(tostring) | join(" ")' \
    "$scratch/s0004.json" >"$scratch/fractions"
expected=$(awk '{ n = NF; area = 0
                  for (i = 1; i <= n; i++) { j = i % n + 1; area += 0.5 * ($i * 170) * ($j * 170) * sin(6.283185307 / n) }
                  printf "%d\n", area }' "$scratch/fractions")

# chart_region PNG: the box of the outer ring, whose grey (#8A8F98) nothing
# else on the page has, widened by 5 pixels: "X0 Y0 X1 Y1", or nothing.
chart_region() {
    # shellcheck disable=SC2046,SC2086
    set -- $("$pixels" "$1" "$ring")
    [ "$3" -gt 0 ] && echo "$(($4 - 5)) $(($5 - 5)) $(($6 + 6)) $(($7 + 6))"
}

run_tenken eval --format=html "$safe_use" examples/safe-use/S0004-crm-zzz.yaml >"$scratch/s0004.html"
if screenshot s0004; then
    region=$(chart_region "$scratch/s0004.png")
    # shellcheck disable=SC2086
    set -- ${region:-0 0 0 0}
    ring_width=$(($3 - $1 - 11)) ring_height=$(($4 - $2 - 11))
    echo "outer ring: $ring_width x $ring_height pixels at $1,$2" >"$scratch/measure"
    # The ring is a regular 15-gon of radius 170: 340 wide, 336 tall.
    if [ "$ring_width" -ge 330 ] && [ "$ring_width" -le 345 ] && [ "$ring_height" -ge 325 ] &&
       [ "$ring_height" -le 340 ] && [ "$1" -gt 0 ] && [ "$2" -gt 0 ] && [ "$3" -lt 1200 ]; then
        ok "s0004: the chart is drawn whole, at its size"
    else
        not_ok "s0004: the chart is drawn whole, at its size" "$scratch/measure"
    fi
    # shellcheck disable=SC2046,SC2086
    set -- $("$pixels" "$scratch/s0004.png" "$fill" ${region:-0 0 0 0})
    count=$3 min_y=$5 max_y=$7
    echo "fill pixels in the chart: $count; the polygon's area: $expected; rows $min_y-$max_y" \
        >>"$scratch/measure"
    # Grid lines, spokes and points are drawn over the area and hide part of it.
    if [ "$count" -ge $((expected * 6 / 10)) ] && [ "$count" -le $((expected * 105 / 100)) ]; then
        ok "s0004: the answered area is drawn, about as large as the answers make it"
    else
        not_ok "s0004: the answered area is drawn, about as large as the answers make it" "$scratch/measure"
    fi
    # Item 1 (3/3) reaches the outer ring at the top, items 7 and 8 (3/3) nearly
    # reach it at the bottom.
    if [ $((max_y - min_y)) -ge 300 ]; then
        ok "s0004: the area reaches from the top of the chart to its bottom"
    else
        not_ok "s0004: the area reaches from the top of the chart to its bottom" "$scratch/measure"
    fi
    # shellcheck disable=SC2046,SC2086
    set -- $("$pixels" "$scratch/s0004.png" "$section_one" ${region:-0 0 0 0})
    if [ "$3" -ge 50 ]; then ok "s0004: the spokes of section Ⅰ in their colour"; else
        echo "$3 pixels of #$section_one" >>"$scratch/measure"
        not_ok "s0004: the spokes of section Ⅰ in their colour" "$scratch/measure"
    fi
fi

run_tenken eval --format=html "$safe_use" tests/html/zero.yaml >"$scratch/zero.html"
if screenshot zero; then
    region=$(chart_region "$scratch/zero.png")
    # shellcheck disable=SC2046,SC2086
    set -- $("$pixels" "$scratch/zero.png" "$fill" ${region:-0 0 1200 1600})
    if [ -n "$region" ] && [ "$3" -eq 0 ]; then ok "zero: no answered area when every answer is worth 0"; else
        echo "$3 pixels of #$fill" >"$scratch/measure"
        not_ok "zero: no answered area when every answer is worth 0" "$scratch/measure"
    fi
fi

# The self-check's bands: the reached band's row is drawn in its colour
# (#6A3D9A, with the band's letter above the table), band C lower on the page
# than band B; a half-answered sheet is pending and highlights no band.
self_check=rules/self-check/self-check.tkn
band_colour=6A3D9A
for sheet in first second; do
    run_tenken eval --format=html "$self_check" "examples/self-check/$sheet.yaml" >"$scratch/$sheet.html"
    screenshot "$sheet" || continue
    # shellcheck disable=SC2046
    set -- $("$pixels" "$scratch/$sheet.png" "$band_colour")
    eval "${sheet}_pixels=$3 ${sheet}_bottom=$7"
done
if [ "${first_pixels:-0}" -ge 2000 ] && [ "${second_pixels:-0}" -ge 2000 ]; then
    ok "self-check: the reached band is highlighted"
else
    echo "band C: ${first_pixels:-none}, band B: ${second_pixels:-none} pixels of #$band_colour" >"$scratch/measure"
    not_ok "self-check: the reached band is highlighted" "$scratch/measure"
fi
if [ "${first_bottom:-0}" -gt "${second_bottom:-0}" ]; then ok "self-check: band C's row lies below band B's"; else
    echo "bottom of the highlight: C ${first_bottom:-none}, B ${second_bottom:-none}" >"$scratch/measure"
    not_ok "self-check: band C's row lies below band B's" "$scratch/measure"
fi
sed -n '1,7p' examples/self-check/first.yaml >"$scratch/half.yaml"
printf '    "2": 実施している\n    "3": 実施している\n' >>"$scratch/half.yaml"
run_tenken eval --format=html "$self_check" "$scratch/half.yaml" >"$scratch/half.html"
if screenshot half; then
    # shellcheck disable=SC2046
    set -- $("$pixels" "$scratch/half.png" "$band_colour")
    if [ "$3" -eq 0 ]; then ok "self-check: a half-answered sheet highlights no band"; else
        echo "$3 pixels of #$band_colour" >"$scratch/measure"
        not_ok "self-check: a half-answered sheet highlights no band" "$scratch/measure"
    fi
fi
done_testing
