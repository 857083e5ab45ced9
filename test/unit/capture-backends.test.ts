import assert from 'node:assert/strict';
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import {
  backendsFor,
  buildCaptureCommand,
  classifyCaptureExit,
  customCaptureCommand,
  describeCommand,
  findProgram,
  installHint,
  parseDevices,
  remoteIsThisMachine,
  type CapturePlatform,
} from '../../src/core/capture';

const FORMAT = { sampleRate: 16_000 };
const installed =
  (...programs: string[]) =>
  (p: string) =>
    programs.includes(p);

describe('capture backends: detection and arguments per platform', () => {
  it('Linux prefers parec, then pw-record, arecord, ffmpeg (pulse, then alsa), then sox', () => {
    const all = backendsFor('linux', installed('parec', 'pactl', 'pw-record', 'arecord', 'ffmpeg', 'sox'));
    assert.deepEqual(
      all.map((b) => b.id),
      ['parec', 'pw-record', 'arecord', 'ffmpeg-pulse', 'ffmpeg-alsa', 'sox'],
    );
    assert.deepEqual(
      backendsFor('linux', installed('ffmpeg')).map((b) => b.id),
      ['ffmpeg-alsa'],
      'no pactl: no PulseAudio input for ffmpeg',
    );
    assert.deepEqual(
      backendsFor('linux', installed('arecord', 'sox')).map((b) => b.id),
      ['arecord', 'sox'],
    );
    assert.deepEqual(backendsFor('linux', installed()), []);
  });

  it('macOS: ffmpeg avfoundation, then sox; Windows: ffmpeg dshow, then sox', () => {
    assert.deepEqual(
      backendsFor('darwin', installed('ffmpeg', 'sox', 'parec')).map((b) => b.id),
      ['ffmpeg-avfoundation', 'sox'],
    );
    assert.deepEqual(
      backendsFor('win32', installed('ffmpeg', 'sox', 'arecord')).map((b) => b.id),
      ['ffmpeg-dshow', 'sox'],
    );
    assert.deepEqual(
      backendsFor('win32', installed('sox')).map((b) => b.id),
      ['sox'],
    );
    for (const p of ['linux', 'darwin', 'win32'] as CapturePlatform[]) assert.match(installHint(p), /ffmpeg/);
    assert.match(installHint('linux'), /pulseaudio-utils/);
  });

  it('builds 16 kHz mono s16le arguments for each backend, with and without a device', () => {
    const linux = backendsFor('linux', installed('parec', 'pactl', 'pw-record', 'arecord', 'ffmpeg', 'sox'));
    const cmd = (id: string, device?: string, platform: CapturePlatform = 'linux', list = linux) =>
      buildCaptureCommand(
        list.find((b) => b.id === id)!,
        platform,
        FORMAT,
        device,
      );

    const parec = cmd('parec', 'mic.monitor');
    assert.equal(parec.program, 'parec');
    assert.ok(parec.args.includes('--format=s16le') && parec.args.includes('--rate=16000') && parec.args.includes('--channels=1'));
    assert.ok(parec.args.includes('--device=mic.monitor'));
    assert.ok(!cmd('parec').args.some((a) => a.startsWith('--device')), 'no device: the default source');

    assert.deepEqual(cmd('pw-record', 'alsa_input.usb').args, ['--format=s16', '--rate=16000', '--channels=1', '--target=alsa_input.usb', '-']);
    assert.deepEqual(cmd('arecord', 'plughw:1,0').args, ['-q', '-t', 'raw', '-f', 'S16_LE', '-r', '16000', '-c', '1', '-D', 'plughw:1,0']);
    const ffPulse = cmd('ffmpeg-pulse');
    assert.deepEqual(ffPulse.args.slice(ffPulse.args.indexOf('-f'), ffPulse.args.indexOf('-f') + 4), ['-f', 'pulse', '-i', 'default']);
    assert.deepEqual(ffPulse.args.slice(-9), ['-ac', '1', '-ar', '16000', '-f', 's16le', '-acodec', 'pcm_s16le', 'pipe:1']);
    assert.ok(cmd('ffmpeg-alsa', 'hw:0').args.join(' ').includes('-f alsa -i hw:0'));
    assert.deepEqual(cmd('sox', 'mic').args.slice(0, 4), ['-q', '-t', 'pulseaudio', 'mic']);
    assert.deepEqual(cmd('sox').args.slice(0, 2), ['-q', '-d']);

    const mac = backendsFor('darwin', installed('ffmpeg', 'sox'));
    assert.ok(cmd('ffmpeg-avfoundation', undefined, 'darwin', mac).args.join(' ').includes('-f avfoundation -i :default'));
    assert.ok(cmd('ffmpeg-avfoundation', '1', 'darwin', mac).args.join(' ').includes('-i :1'));
    assert.deepEqual(cmd('sox', undefined, 'darwin', mac).args.slice(0, 2), ['-q', '-d']);

    const win = backendsFor('win32', installed('ffmpeg', 'sox'));
    assert.ok(cmd('ffmpeg-dshow', 'Microphone (Realtek Audio)', 'win32', win).args.includes('audio=Microphone (Realtek Audio)'));
    assert.throws(() => cmd('ffmpeg-dshow', undefined, 'win32', win), /needs a device/);
    assert.deepEqual(cmd('sox', undefined, 'win32', win).args.slice(0, 4), ['-q', '-t', 'waveaudio', 'default']);
    for (const b of [...linux, ...mac])
      assert.ok(!buildCaptureCommand(b, 'linux', FORMAT).args.some((a) => /[;&|`$]/.test(a)), `${b.id}: nothing a shell would read`);
  });

  it('a remote window means another machine, except a browser window served from loopback', () => {
    for (const name of [undefined, '', 'localhost:8080', '127.0.0.1:40715', '[::1]:3000']) assert.equal(remoteIsThisMachine(name), true, String(name));
    for (const name of ['ssh-remote', 'wsl', 'dev-container', 'codespaces', 'tunnel', 'build.example.com:8080', '127.0.0.1.evil.example:80'])
      assert.equal(remoteIsThisMachine(name), false, name);
  });

  it('the captureCommand setting: placeholders filled per argument, bad values refused with the reason', () => {
    const c = customCaptureCommand(['rec', '-r', '${sampleRate}', '--in=${device}', '-'], FORMAT, 'hw:2');
    assert.ok(typeof c !== 'string');
    assert.equal(c.program, 'rec');
    assert.deepEqual(c.args, ['-r', '16000', '--in=hw:2', '-']);
    const d = customCaptureCommand(['rec', '${device}'], FORMAT);
    assert.deepEqual(typeof d !== 'string' && d.args, ['default']);
    assert.match(String(customCaptureCommand('parec --raw', FORMAT)), /non-empty array/);
    assert.match(String(customCaptureCommand([], FORMAT)), /non-empty array/);
    assert.match(String(customCaptureCommand(['rec', 3], FORMAT)), /string/);
    assert.match(String(customCaptureCommand([' ', '-'], FORMAT)), /program/);
    assert.equal(describeCommand({ backend: 'custom', program: 'rec', args: ['a b', "it's"] }), `rec 'a b' 'it'\\''s'`);
  });

  it('finds programs on PATH (executable files only; PATHEXT on Windows)', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'capture-path-'));
    try {
      writeFileSync(path.join(dir, 'parec'), '#!/bin/sh\n');
      chmodSync(path.join(dir, 'parec'), 0o755);
      writeFileSync(path.join(dir, 'arecord'), 'not executable');
      writeFileSync(path.join(dir, 'ffmpeg.EXE'), '');
      assert.equal(findProgram('parec', { PATH: `/nonexistent:${dir}` }, 'linux'), path.join(dir, 'parec'));
      assert.equal(findProgram('arecord', { PATH: dir }, 'linux'), undefined);
      assert.equal(findProgram('sox', { PATH: dir }, 'linux'), undefined);
      assert.equal(findProgram('ffmpeg', { Path: dir, PATHEXT: '.COM;.EXE' }, 'win32'), path.join(dir, 'ffmpeg.EXE'));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('capture devices and failures', () => {
  it('parses PulseAudio sources (microphones before monitors) and ALSA cards', () => {
    const pulse = parseDevices(
      'pulse',
      '1\tspeechapi_mic.monitor\tmodule-null-sink.c\ts16le 1ch 16000Hz\tIDLE\n2\talsa_input.usb-Blue_Yeti\tmodule-alsa-card.c\ts16le 2ch 48000Hz\tSUSPENDED\n',
    );
    assert.deepEqual(
      pulse.map((d) => [d.id, d.monitor]),
      [
        ['alsa_input.usb-Blue_Yeti', false],
        ['speechapi_mic.monitor', true],
      ],
    );
    assert.equal(pulse[0].detail, 's16le 2ch 48000Hz · SUSPENDED');
    const alsa = parseDevices(
      'alsa',
      '**** List of CAPTURE Hardware Devices ****\ncard 0: PCH [HDA Intel PCH], device 0: ALC892 Analog [ALC892 Analog]\n  Subdevices: 1/1\ncard 2: Device [USB Audio Device], device 0: USB Audio [USB Audio]\n',
    );
    assert.deepEqual(
      alsa.map((d) => [d.id, d.label]),
      [
        ['plughw:0,0', 'HDA Intel PCH: ALC892 Analog'],
        ['plughw:2,0', 'USB Audio Device: USB Audio'],
      ],
    );
  });

  it('parses ffmpeg device lists for DirectShow (both layouts) and AVFoundation', () => {
    const modern =
      '[dshow @ 000001] "Integrated Camera" (video)\n[dshow @ 000001]   Alternative name "@device_pnp_\\\\?\\usb"\n[dshow @ 000001] "Microphone Array (Realtek(R) Audio)" (audio)\n[dshow @ 000001]   Alternative name "@device_cm_{33D9}"\ndummy: Immediate exit requested\n';
    assert.deepEqual(
      parseDevices('dshow', modern).map((d) => d.id),
      ['Microphone Array (Realtek(R) Audio)'],
    );
    const legacy =
      '[dshow @ 0x1] DirectShow video devices\n[dshow @ 0x1]  "USB Camera"\n[dshow @ 0x1] DirectShow audio devices\n[dshow @ 0x1]  "Headset Microphone (Jabra)"\n';
    assert.deepEqual(
      parseDevices('dshow', legacy).map((d) => d.id),
      ['Headset Microphone (Jabra)'],
    );
    const av =
      '[AVFoundation indev @ 0x7f] AVFoundation video devices:\n[AVFoundation indev @ 0x7f] [0] FaceTime HD Camera\n[AVFoundation indev @ 0x7f] AVFoundation audio devices:\n[AVFoundation indev @ 0x7f] [0] MacBook Pro Microphone\n[AVFoundation indev @ 0x7f] [1] ZoomAudioDevice\n: Input/output error\n';
    assert.deepEqual(
      parseDevices('avfoundation', av).map((d) => [d.id, d.label]),
      [
        ['0', 'MacBook Pro Microphone'],
        ['1', 'ZoomAudioDevice'],
      ],
    );
  });

  it("sorts a capture program's end by what it said: busy, missing, permission, or died", () => {
    const end = (stderr: string) => classifyCaptureExit({ program: 'arecord', exitCode: 1, stderr }).problem;
    assert.equal(end('arecord: main:831: audio open error: Device or resource busy'), 'device_busy');
    assert.equal(end('Stream error: No such entity'), 'device_missing');
    assert.equal(end('arecord: main:831: audio open error: No such file or directory'), 'device_missing');
    assert.equal(end('[avfoundation] Failed to create AV capture input device: Cannot use Microphone, not authorized'), 'permission_denied');
    assert.equal(end('Segmentation fault'), 'program_died');
    const died = classifyCaptureExit({ program: 'parec', exitCode: 3, stderr: 'first\nsomething broke\n' });
    assert.equal(died.howItEnded, 'exit code 3');
    assert.match(died.message, /parec stopped \(exit code 3\)\. It said: something broke/);
  });
});
