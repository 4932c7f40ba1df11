# Printing through a real CUPS (issue 7): a private cupsd as root -- its
# own configuration, spool and logs under a temporary directory, listening
# only on a Unix socket -- with a cups-pdf queue desk4s-pdf writing into
# that directory.  `desk4s due --print desk4s-pdf` goes through it, and the
# page cups-pdf produced must hold the Chinese names and the mobiles
# (pdftotext).  An unknown queue gives lp's message and exit 3.
#
# cups-pdf reads its settings from /etc/cups/cups-pdf-<uri suffix>.conf
# only, so cupsd runs in a private mount namespace with the temporary
# directory over /etc/cups; where namespaces are not allowed, the one file
# /etc/cups/cups-pdf-desk4s-e2e.conf is written and removed at the end.
if [ "$(id -u)" != 0 ]; then
	echo "SKIP: needs root to start cupsd"
	exit 0
fi
PATH=$PATH:/usr/sbin:/sbin
for c in cupsd lpadmin lpstat lp pdftotext sqlite3; do
	command -v $c >/dev/null 2>&1 || { echo "FAIL: $c is not installed (make deps)"; exit 1; }
done
BIN=${BIN:-${DESK4S_BIN:-build/desk4s}}
# not under $E2E_TMP (mode 0700): CUPS filters run as user lp and need
# to reach the spool directory in here
D=$(mktemp -d "${TMPDIR:-/tmp}/desk4s-cups.XXXXXX") || exit 1
chmod 755 "$D"
mkdir -p "$D/etc/ppd" "$D/spool/tmp" "$D/cache" "$D/state" "$D/log" "$D/out"
chmod 1777 "$D/out"
conf_file=
cupsd_pid=
cleanup() {
	[ -n "$cupsd_pid" ] && kill "$cupsd_pid" 2>/dev/null && wait "$cupsd_pid" 2>/dev/null
	[ -n "$conf_file" ] && rm -f "$conf_file"
	[ -n "$KEEP" ] || rm -rf "$D"
}
trap cleanup EXIT
die() {
	echo "$*"
	for f in "$D"/log/*; do [ -f "$f" ] && { echo "--- $f"; tail -n 30 "$f"; }; done
	exit 1
}

cat >"$D/etc/cups-files.conf" <<EOC
ServerRoot $D/etc
RequestRoot $D/spool
TempDir $D/spool/tmp
CacheDir $D/cache
StateDir $D/state
ErrorLog $D/log/error_log
AccessLog $D/log/access_log
PageLog $D/log/page_log
Printcap $D/printcap
FileDevice No
EOC
cat >"$D/etc/cupsd.conf" <<EOC
LogLevel info
Listen $D/cups.sock
Browsing No
WebInterface No
DefaultAuthType None
<Location />
  Order allow,deny
  Allow all
</Location>
<Policy default>
  <Limit All>
    Order deny,allow
  </Limit>
</Policy>
EOC
cat >"$D/etc/cups-pdf-desk4s-e2e.conf" <<EOC
Out $D/out
AnonDirName $D/out
Log $D/log
UserUMask 0022
EOC

if unshare -m sh -c 'mount --bind "$1" /etc/cups' sh "$D/etc" 2>/dev/null; then
	unshare -m sh -c 'mount --bind "$1/etc" /etc/cups && exec cupsd -f -c "$1/etc/cupsd.conf" -s "$1/etc/cups-files.conf"' \
		sh "$D" &
else
	conf_file=/etc/cups/cups-pdf-desk4s-e2e.conf
	cp "$D/etc/cups-pdf-desk4s-e2e.conf" "$conf_file" || exit 1
	cupsd -f -c "$D/etc/cupsd.conf" -s "$D/etc/cups-files.conf" &
fi
cupsd_pid=$!
export CUPS_SERVER="$D/cups.sock"
n=0
until lpstat -r 2>/dev/null | grep -q "is running"; do
	n=$((n + 1))
	[ $n -lt 100 ] || die "cupsd did not start"
	sleep 0.1
done
# cups-pdf is a PostScript printer: CUPS turns the PDF into PostScript and
# cups-pdf back into PDF.  Only the pdftocairo renderer keeps the mapping
# from glyphs to characters through that round trip (Ghostscript's and
# poppler's leave the page looking right but without extractable text),
# and pdftotext is how this test reads the page.
lpadmin -p desk4s-pdf -v cups-pdf:/desk4s-e2e -P /usr/share/ppd/cups-pdf/CUPS-PDF_opt.ppd \
	-o pdftops-renderer-default=pdftocairo -E 2>"$D/lpadmin.err" ||
	die "lpadmin failed: $(cat "$D/lpadmin.err")"

db=$D/t.db
"$BIN" --db "$db" check >/dev/null || die "cannot create $db"
sqlite3 "$db" <<'EOS' || die "cannot fill $db"
INSERT INTO customers(id,cust_no,nature,name,mobile,marketing_ok,birth_date) VALUES
 (1,'C2026000001','个人','张三','13800138000',NULL,NULL),
 (2,'C2026000002','个人','欧阳娜娜','13912345678',NULL,NULL),
 (3,'C2026000003','单位','杭州西湖区汽车服务有限公司','15700001111',NULL,NULL),
 (4,'C2026000004','个人','Bob Li','18600002222','是','1990-11-23');
INSERT INTO vehicles(id,customer_id,plate,consultant,insurance_due,inspection_due) VALUES
 (1,1,'浙A12345','小王','2026-12-20',NULL),
 (2,2,'浙A9B876','李四',NULL,'2026-12-23'),
 (3,3,'浙AD12345','王小明','2026-12-23',NULL);
EOS
export DESK4S_TODAY=2026-11-23 DESK4S_SHOP=西湖店
export LSAN_OPTIONS="suppressions=$(pwd)/tests/lsan.supp:fast_unwind_on_malloc=0:print_suppressions=0"

# an unknown queue: lp's own words and exit 3
"$BIN" --db "$db" due --print nosuch >"$D/out1" 2>"$D/err1"
rc=$?
[ $rc -eq 3 ] || die "unknown queue: exit $rc, not 3: $(cat "$D/err1")"
grep -q "打印机“nosuch”" "$D/err1" && grep -q "does not exist" "$D/err1" ||
	die "unknown queue: message: $(cat "$D/err1")"

"$BIN" --db "$db" due --print desk4s-pdf >"$D/out2" 2>"$D/err2" || die "due --print failed: $(cat "$D/err2")"
grep -q "发送到打印机“desk4s-pdf”" "$D/err2" || die "no confirmation: $(cat "$D/err2")"
n=0
while :; do
	pdf=$(find "$D/out" -name '*.pdf' -size +0 | head -n 1)
	# cups-pdf renames into place when done; wait for the queue to empty too
	[ -n "$pdf" ] && [ -z "$(lpstat -o desk4s-pdf 2>/dev/null)" ] && break
	n=$((n + 1))
	[ $n -lt 300 ] || die "no PDF from cups-pdf after 30 s"
	sleep 0.1
done
pdftotext -layout "$pdf" "$D/page.txt" || die "pdftotext failed on $pdf"
for want in 回访到期清单 西湖店 张三 13800138000 欧阳娜娜 13912345678 "Bob Li" 18600002222 杭州西湖区汽车 15700001111 浙A12345 "逾期(天)" 编号; do
	grep -qF -- "$want" "$D/page.txt" || { cat "$D/page.txt"; die "“$want” is not on the printed page"; }
done
