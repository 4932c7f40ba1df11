#!/bin/sh
# run.sh SECONDS BINDIR — every fuzz target: first its regression inputs
# (tests/fuzz/regress/NAME/, each a crash once found) and seeds, then
# libFuzzer for SECONDS.  New corpus entries go to build/fuzz/corpus/NAME
# (not into the repository); a crash leaves its input in
# build/fuzz/crashes/NAME/ and fails the run.  Copy such an input into
# tests/fuzz/regress/NAME/ once its cause is fixed.
set -eu
secs=${1:-300}
bin=${2:-build/fuzz/fuzz}
out=build/fuzz
export LC_ALL=C.UTF-8
failed=""
for t in "$bin"/fuzz_*; do
	name=${t##*/fuzz_}
	seeds=tests/fuzz/corpus/$name
	regress=tests/fuzz/regress/$name
	work=$out/corpus/$name
	crashes=$out/crashes/$name
	mkdir -p "$work" "$crashes"
	if [ -d "$regress" ] && [ -n "$(ls -A "$regress" 2>/dev/null)" ]; then
		if ! "$t" -runs=0 -artifact_prefix="$crashes/" "$regress" > "$out/$name.regress.log" 2>&1; then
			echo "fuzz $name: a regression input fails again (see $out/$name.regress.log)"
			failed="$failed $name"
			continue
		fi
	fi
	echo "fuzz $name: $secs s"
	# -rss_limit_mb: the program's own budget is 64 MB; the sanitizers add
	# their share.  -timeout: one input must not take a second.
	if "$t" -max_total_time="$secs" -timeout=2 -rss_limit_mb=1024 -max_len=8192 \
		-artifact_prefix="$crashes/" -print_final_stats=1 "$work" "$seeds" \
		> "$out/$name.log" 2>&1; then
		tail -n 12 "$out/$name.log" | grep -E '^(stat::number_of_executed_units|stat::peak_rss_mb)|cov:' | tail -n 3
	else
		echo "fuzz $name: FAILED — see $out/$name.log and $crashes/"
		grep -E 'ERROR|SUMMARY|runtime error' "$out/$name.log" | head -n 5
		failed="$failed $name"
	fi
done
if [ -n "$failed" ]; then
	echo "fuzz: failed:$failed"
	exit 1
fi
echo "fuzz: every target ran $secs s without a crash"
