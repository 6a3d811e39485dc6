#!/bin/sh
# tests/sarif.sh — `tenken check --format=sarif` against the SARIF 2.1.0
# schema (a JSON Schema draft 4 document, as shipped in the npm package
# @microsoft/jest-sarif, installed into a cache directory the first time), with
# a real validator (Debian's python3-jsonschema, which ./bootstrap installs);
# plus what code-scanning services need beyond the schema: 1-based columns,
# stable rule ids, fingerprints.
. "$(dirname "$0")/lib.sh"

cd "$top_srcdir" || exit 99
# Outside the build tree, so `make distcheck` finds nothing left behind.
tools="${XDG_CACHE_HOME:-$HOME/.cache}/tenken-test-tools"
schema="$tools/node_modules/@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json"
python=/usr/bin/python3
if [ ! -f "$schema" ] && command -v npm >/dev/null 2>&1; then
    mkdir -p "$tools"
    npm install --silent --no-audit --no-fund --ignore-scripts --prefix "$tools" \
        @microsoft/jest-sarif@1.0.0-beta.0 >"$scratch/npm.log" 2>&1
fi
if [ ! -f "$schema" ] || ! "$python" -c 'import jsonschema' 2>/dev/null; then
    echo "1..0 # SKIP the SARIF schema (npm) or python3-jsonschema is not available"
    exit 0
fi

validate() {
    name=$1
    shift
    "$TENKEN" check --format=sarif "$@" >"$scratch/out.sarif" 2>"$scratch/err"
    if "$python" - "$schema" "$scratch/out.sarif" >"$scratch/validate.log" 2>&1 <<'PYTHON'
import json, sys
import jsonschema
schema = json.load(open(sys.argv[1], encoding="utf-8-sig"))
document = json.load(open(sys.argv[2], encoding="utf-8"))
validator = jsonschema.validators.validator_for(schema)(schema)
errors = sorted(validator.iter_errors(document), key=lambda error: list(error.path))
for error in errors[:20]:
    print("/".join(str(part) for part in error.path), ":", error.message)
sys.exit(1 if errors else 0)
PYTHON
    then
        ok "$name: valid SARIF 2.1.0"
    else
        not_ok "$name: valid SARIF 2.1.0" "$scratch/validate.log"
    fi
}

validate "a clean file" rules/cloud-safe-use/safe-use.tkn
validate "every error case" -I tests/errors/modules tests/errors/*.tkn
validate "warnings" tests/golden/ambiguous-points/rules.tkn
validate "a missing file" no-such-file.tkn

"$TENKEN" check --format=sarif -I tests/errors/modules tests/errors/*.tkn >"$scratch/all.sarif" 2>/dev/null
if command -v jq >/dev/null 2>&1; then
    check "columns are 1-based" jq -e '[.runs[0].results[].locations[]?.physicalLocation.region
        | select(. != null) | .startColumn >= 1 and .endColumn >= .startColumn] | all' "$scratch/all.sarif"
    check "every result names a rule of the driver" jq -e '.runs[0] as $run | [$run.results[]
        | $run.tool.driver.rules[.ruleIndex].id == .ruleId] | all' "$scratch/all.sarif"
    check "every located result has a fingerprint" jq -e '[.runs[0].results[] | select(.locations)
        | .partialFingerprints.primaryLocationLineHash | test("^[0-9a-f]{16}:[0-9]+$")] | all' "$scratch/all.sarif"
    check "columns count code points, not bytes or display columns" jq -e '[.runs[0].results[]
        | select(.ruleId == "TK0002") | .locations[0].physicalLocation.region.startColumn] == [8, 15]' \
        "$scratch/all.sarif"
    "$TENKEN" check --format=sarif -I tests/errors/modules tests/errors/*.tkn >"$scratch/again.sarif" 2>/dev/null
    same "fingerprints are stable from run to run" "$scratch/all.sarif" "$scratch/again.sarif"
fi
done_testing
