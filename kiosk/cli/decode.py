"""kiosk decode [--json] [--decoder NAME] IMAGE...: the QR texts in image files.

One line per image; with --json one JSON object per line: {"path", "texts": [...], "ms"}.
Exit code: 0 when every image held at least one code, 1 when some held none, 2 when a file could
not be read (its error goes to stderr and it gets no JSON line).
"""

from __future__ import annotations

import argparse
import json
import sys
import time

from kiosk.cli.context import CliContext, CliError


def register(subparsers: argparse._SubParsersAction) -> None:
    from kiosk.scan.names import DECODER_NAMES, DEFAULT_DECODER

    p = subparsers.add_parser("decode", help="이미지 파일의 QR 코드 읽기 (decode QR codes in images)")
    p.add_argument("images", nargs="+", metavar="IMAGE", help="PNG, JPEG 등 이미지 파일")
    p.add_argument("--json", action="store_true", help="이미지마다 JSON 한 줄로 출력")
    p.add_argument(
        "--decoder",
        choices=DECODER_NAMES,
        default=None,
        help=f"디코더 선택 (기본: {DEFAULT_DECODER})",
    )
    p.set_defaults(func=run)


def print_json_line(obj: object) -> None:
    """One JSON object per line, flushed at once; undecodable file names come out escaped."""
    try:
        line = json.dumps(obj, ensure_ascii=False)
        sys.stdout.write(line + "\n")
    except UnicodeEncodeError:
        sys.stdout.write(json.dumps(obj) + "\n")
    sys.stdout.flush()


def run(ctx: CliContext, args: argparse.Namespace) -> int:
    from kiosk.scan.decoders import DecoderUnavailable, decode_image_file, make_decoder

    try:
        decoder = make_decoder(args.decoder)
    except (DecoderUnavailable, ValueError) as exc:
        raise CliError(str(exc)) from exc
    unreadable = empty = 0
    for path in args.images:
        started = time.perf_counter()
        try:
            texts = decode_image_file(path, decoder)
        except FileNotFoundError:
            print(f"kiosk: 파일을 찾을 수 없습니다: {path}", file=sys.stderr)
            unreadable += 1
            continue
        except (OSError, ValueError) as exc:  # PIL.UnidentifiedImageError is an OSError
            print(f"kiosk: 이미지를 읽을 수 없습니다: {path} ({exc.__class__.__name__})", file=sys.stderr)
            unreadable += 1
            continue
        ms = round((time.perf_counter() - started) * 1000, 2)
        empty += not texts
        if args.json:
            print_json_line({"path": path, "texts": texts, "ms": ms})
        else:
            shown = " | ".join(texts) if texts else "(QR 코드 없음)"
            try:
                print(f"{path}: {shown}  [{ms} ms]", flush=True)
            except UnicodeEncodeError:
                print(ascii(f"{path}: {shown}  [{ms} ms]"), flush=True)
    if unreadable:
        return 2
    return 1 if empty else 0
