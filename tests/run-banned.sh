#!/bin/sh
# Proves that src/util/banned.h works: each banned call, compiled with
# the header force-included as the Makefile does for src/, must fail
# with an error naming "sorry_<name>_is_a_banned_function", and the
# same file with the safe replacement in its place must compile (so a
# failure means the ban, not a broken header or compiler).
#   CC=cc tests/run-banned.sh src/util/banned.h
# Ends with "banned: N rejected, N compiled" or the first surprise.
set -u
hdr=${1:-src/util/banned.h}
cc=${CC:-cc}
banned='strcpy(b, s)
strcat(b, s)
strncpy(b, s, 1)
strncat(b, s, 1)
sprintf(b, "%s", s)
vsprintf(b, s, ap)
atoi(s)
atol(s)
atoll(s)
gets(b)
strtok(b, s)
localtime(&t)
gmtime(&t)
ctime(&t)
asctime(&tm)'
safe='snprintf(b, sizeof(b), "%s", s)
vsnprintf(b, sizeof(b), s, ap)
strtoll(s, NULL, 10)
strtok_r(b, s, &p)
localtime_r(&t, &tm)
gmtime_r(&t, &tm)
strftime(b, sizeof(b), "%F", &tm)'

# compile one call in a function that has every argument it may need
try() {
	printf '%s\n' '#include <stdarg.h>' \
	    'void f(const char *s, va_list ap);' \
	    'void f(const char *s, va_list ap) {' \
	    '	char b[16] = "", *p = NULL;' \
	    '	time_t t = 0;' \
	    '	struct tm tm = {0};' \
	    '	(void)s; (void)b; (void)p; (void)t; (void)tm; (void)ap;' \
	    "	(void)$1;" \
	    '}' |
	    $cc -std=c11 -D_GNU_SOURCE -Wall -Wextra -Werror -include "$hdr" \
	    -x c -fsyntax-only - 2>&1
}

nb=0 ns=0
nl='
'
IFS=$nl
for call in $safe; do
	if ! out=$(try "$call"); then
		printf '%s\n' "$out"
		echo "banned: the safe '$call' does not compile"
		exit 1
	fi
	ns=$((ns + 1))
done
for call in $banned; do
	name=${call%%(*}
	if out=$(try "$call"); then
		echo "banned: '$call' compiles"
		exit 1
	fi
	case $out in
	*"sorry_${name}_is_a_banned_function"*) ;;
	*)	printf '%s\n' "$out"
		echo "banned: '$call' fails for another reason"
		exit 1;;
	esac
	nb=$((nb + 1))
done
# the list above and the header must name the same functions
hn=$(grep -c '^#define [a-z_]*(.*) BANNED(' "$hdr")
if [ "$hn" -ne "$nb" ]; then
	echo "banned: $hdr bans $hn names, this script checks $nb"
	exit 1
fi
echo "banned: $nb rejected, $ns safe forms compiled"
