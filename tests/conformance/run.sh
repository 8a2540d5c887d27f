#!/bin/sh
# Conformance runner (ctest label `conformance`): scores detente with the
# TABARI and PETRARCH validation dictionaries on their own validation suites
# through ../shared/eval/run.sh, prints the figures, and fails when
# tabari-validate's F1 drops below FLOOR.
#
# usage: run.sh DETENTE SHARED_DIR FLOOR
# Exit 77 (ctest SKIP_RETURN_CODE) with the reason when SHARED_DIR is absent.
set -u
bin=$1 shared=$2 floor=$3
tabari=$shared/anchors/tabari
petr=$shared/anchors/petrarch2
for need in "$shared/eval/run.sh" "$tabari/Validate.project" "$petr/PETR.Validate.verbs.txt"; do
  if [ ! -e "$need" ]; then
    echo "SKIP: $need not found: the validation suites live in ../shared (peers' files), absent here"
    exit 77
  fi
done
# BIN stays plain detente: the dictionaries come from the environment.
tv=$(DETENTE_DICT_DIR=none DETENTE_DICT="tabari:$tabari/Validate.project" \
  sh "$shared/eval/run.sh" "$bin" tabari-validate) || { echo "tabari-validate: run.sh failed"; exit 1; }
echo "$tv"
pu=$(DETENTE_DICT_DIR=none \
  DETENTE_DICT="petrarch:actors:$petr/PETR.Validate.actors.txt,petrarch:agents:$petr/PETR.Validate.agents.txt,petrarch:verbs:$petr/PETR.Validate.verbs.txt,petrarch:discards:$petr/PETR.Validate.discards.txt" \
  sh "$shared/eval/run.sh" "$bin" petrarch-unit) || { echo "petrarch-unit: run.sh failed"; exit 1; }
echo "$pu"
f1=$(echo "$tv" | sed -n 's/.*F1=\([0-9.]*\).*/\1/p')
[ -n "$f1" ] || { echo "tabari-validate: no F1 in the output"; exit 1; }
if python3 -c "import sys; sys.exit(0 if float('$f1') >= float('$floor') else 1)"; then
  echo "tabari-validate F1 $f1 >= floor $floor"
else
  echo "FAIL: tabari-validate F1 $f1 < floor $floor"
  exit 1
fi
