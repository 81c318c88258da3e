#!/usr/bin/env bash
# Install the Debian packages the app and its tests need (fonts, PDF tools, Chromium, SoftHSM2 for the PKCS#11 tests).
# As root: installs what is missing. Otherwise: says what is missing and how to install it.
set -u
PACKAGES="fonts-liberation2 libharfbuzz-subset0 poppler-utils chromium chromium-driver softhsm2"
missing=""
for pkg in $PACKAGES; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing="$missing $pkg"
done
[ -z "$missing" ] && exit 0
if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
  echo "Cài gói hệ thống còn thiếu:$missing"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >/dev/null && apt-get install -y -qq $missing >/dev/null || {
    echo "LỖI: không cài được:$missing" >&2; exit 1; }
else
  echo "CẢNH BÁO: thiếu gói hệ thống:$missing" >&2
  echo "  Cài bằng: sudo apt-get install -y$missing" >&2
  echo "  (thiếu phông Liberation Serif thì PDF không đúng phông; thiếu chromium thì bỏ qua kiểm thử trình duyệt)" >&2
fi
exit 0
