#!/bin/sh
# Install the Linux bundle: run from inside dist/kiosk/ (or the unpacked archive), as root.
#   sudo ./install.sh            → /opt/kiosk, menu entry and icon for every user
# Remove: sudo rm -rf /opt/kiosk /usr/share/applications/kiosk.desktop \
#                  /usr/share/icons/hicolor/256x256/apps/kiosk.png
set -eu
here=$(cd "$(dirname "$0")" && pwd)
target=/opt/kiosk
if [ "$here" != "$target" ]; then
    rm -rf "$target"
    mkdir -p "$target"
    cp -a "$here"/. "$target"/
fi
install -D -m 644 "$here/kiosk.png" /usr/share/icons/hicolor/256x256/apps/kiosk.png
install -D -m 644 "$here/kiosk.desktop" /usr/share/applications/kiosk.desktop
command -v update-desktop-database >/dev/null && update-desktop-database -q /usr/share/applications || true
command -v gtk-update-icon-cache >/dev/null && gtk-update-icon-cache -q /usr/share/icons/hicolor || true
"$target/kiosk" --self-test
echo "설치 완료: 메뉴의 '체크인 키오스크' / installed: $target"
