#!/bin/sh
# Installs the Debian packages kitei needs, if any is missing.
#   tools/deps.sh        to build and run kitei
#   tools/deps.sh test   also what the tests use
# As root it installs them (apt-get update first); otherwise it prints the
# exact command to run and fails.
PKGS="gcc make pkg-config libhpdf-dev zlib1g-dev libharfbuzz-dev libyaml-dev
libcmark-gfm-dev libcmark-gfm-extensions-dev libunibreak-dev libxlsxwriter-dev libbrotli-dev
fonts-ipaexfont-mincho fonts-ipaexfont-gothic fonts-ipafont-gothic"
if [ "$1" = test ]; then
	PKGS="$PKGS python3 python3-openpyxl poppler-utils qpdf chromium valgrind libreoffice-calc-nogui"
	# A Node.js that is already there (e.g. from NodeSource) is used as it
	# is: Debian's npm package conflicts with it.
	command -v node >/dev/null 2>&1 && command -v npm >/dev/null 2>&1 ||
		PKGS="$PKGS nodejs npm"
fi
missing=""
for p in $PKGS; do
	dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "ok installed" ||
		missing="$missing $p"
done
[ -z "$missing" ] && exit 0
if [ "$(id -u)" != 0 ]; then
	echo "kitei: missing Debian packages:$missing" >&2
	echo "kitei: run: sudo apt-get update && sudo apt-get install -y$missing" >&2
	exit 1
fi
echo "kitei: installing:$missing" >&2
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq && apt-get install -y -qq --no-install-recommends $missing >/dev/null
