#!/bin/sh
# Install the Debian 12 packages faq-reader needs, using sudo when not root.
#   tools/debian-deps.sh         what the reader needs: Python's venv, and the system
#                                libraries PySide6's wheels load (OpenGL/EGL, xkbcommon,
#                                the XCB platform plugin, fontconfig, a font, D-Bus, CUPS)
#   tools/debian-deps.sh --test  also what the tests need: a real DokuWiki (Debian's
#                                package run by PHP's built-in server), Xvfb, and
#                                binutils (PyInstaller's objdump, for the bundle test)
set -eu
SUDO=""
[ "$(id -u)" -eq 0 ] || SUDO="sudo"
PACKAGES="python3-venv python3-pip libegl1 libgl1 libglib2.0-0 libdbus-1-3 libfontconfig1 \
 libfreetype6 fonts-dejavu-core libxkbcommon0 libxkbcommon-x11-0 libx11-xcb1 libxcb1 \
 libxcb-cursor0 libxcb-icccm4 libxcb-image0 libxcb-keysyms1 libxcb-randr0 \
 libxcb-render-util0 libxcb-shape0 libxcb-shm0 libxcb-sync1 libxcb-xfixes0 libxcb-xinerama0 \
 libxcb-xkb1 libcups2"
if [ "${1:-}" = "--test" ]; then
  PACKAGES="$PACKAGES dokuwiki php-cli php-gd curl xvfb binutils"
fi
export DEBIAN_FRONTEND=noninteractive
# shellcheck disable=SC2086
if ! $SUDO apt-get install -y -q --no-install-recommends $PACKAGES >/dev/null 2>&1; then
  $SUDO apt-get update -q
  $SUDO apt-get install -y -q --no-install-recommends $PACKAGES
fi
