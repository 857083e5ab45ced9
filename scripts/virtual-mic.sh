#!/usr/bin/env bash
# A virtual microphone for the live-session tests: a user PulseAudio daemon with a null sink.
# Whatever is played into the sink (paplay) can be captured from its monitor source, the way a
# microphone is. Idempotent: installs Debian's pulseaudio and pulseaudio-utils when missing, starts
# the daemon once, loads the sink once. Prints PULSE_SERVER=… and the source name on stdout.
set -euo pipefail
DIR="${SPEECH_API_PULSE_DIR:-/tmp/speech-api-virtual-mic}"
SINK="${SPEECH_API_PULSE_SINK:-speechapi_mic}"
SOCKET="$DIR/native"
log() { echo "[virtual-mic] $*" >&2; }

missing=()
for pkg in pulseaudio pulseaudio-utils; do
  dpkg -s "$pkg" >/dev/null 2>&1 || missing+=("$pkg")
done
if [ ${#missing[@]} -gt 0 ]; then
  log "installing Debian packages: ${missing[*]}"
  if [ "$(id -u)" -ne 0 ]; then SUDO=sudo; else SUDO=; fi
  $SUDO apt-get update -qq >&2
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${missing[@]}" >&2
fi

mkdir -p "$DIR"
chmod 700 "$DIR"
export PULSE_SERVER="unix:$SOCKET"
if ! pactl info >/dev/null 2>&1; then
  log "starting PulseAudio on $SOCKET"
  rm -f "$SOCKET"
  # No hardware, no session bus: only the native protocol on our socket; never exits when idle.
  XDG_RUNTIME_DIR="$DIR" HOME="$DIR" pulseaudio --daemonize=yes --exit-idle-time=-1 --disallow-exit \
    -n --use-pid-file=yes --log-target=file:"$DIR/pulse.log" \
    --load="module-native-protocol-unix socket=$SOCKET auth-anonymous=1" \
    --load="module-always-sink" >&2 2>&1 || true
  for _ in $(seq 1 50); do pactl info >/dev/null 2>&1 && break; sleep 0.1; done
  pactl info >/dev/null 2>&1 || { log "PulseAudio did not start (see $DIR/pulse.log)"; exit 1; }
fi
if ! pactl list short sinks | cut -f2 | grep -qx "$SINK"; then
  log "loading null sink $SINK"
  pactl load-module module-null-sink sink_name="$SINK" rate=16000 channels=1 \
    sink_properties=device.description=Speech-API-virtual-microphone >/dev/null
fi
echo "PULSE_SERVER=$PULSE_SERVER"
echo "SOURCE=$SINK.monitor"
