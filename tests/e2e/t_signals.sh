# The terminal is restored on every way out: SIGTERM, SIGINT, SIGHUP and a
# crash (SIGSEGV) each end the program with the signal's status, and the
# shell sees a sane terminal (icanon echo) again.
for sig in TERM:15 INT:2 HUP:1 SEGV:11; do
	num=${sig#*:} sig=${sig%:*}
	name=sig$sig
	start $name
	type_text $name 1; wait_for $name "客户档案登记表" || fail
	kill -$sig "$(pid_of $name)"
	code=$((128 + num))
	wait_for $name "desk4s-exit=$code" || fail "SIG$sig"
	wait_for $name "icanon echo" || fail "SIG$sig: terminal not restored"
	T kill-session -t $name
done
