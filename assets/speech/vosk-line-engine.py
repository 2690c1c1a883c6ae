#!/usr/bin/env python3
# The cabin's line protocol on top of Vosk (offline speech recognition): raw PCM, mono, signed 16-bit
# little-endian at CABINE_SPEECH_SAMPLE_RATE on stdin; one JSON object a line on stdout,
# {"partial": "..."} while a sentence is spoken, {"text": "..."} once it is finished.
# The model folder comes from CABINE_SPEECH_MODEL (e.g. /opt/vosk/vosk-model-small-fr-0.22).
# Nothing is written to a file; Kaldi's own messages are silenced.
import json
import os
import sys

from vosk import KaldiRecognizer, Model, SetLogLevel

SetLogLevel(-1)
model = Model(os.environ["CABINE_SPEECH_MODEL"])
recognizer = KaldiRecognizer(model, float(os.environ.get("CABINE_SPEECH_SAMPLE_RATE", "16000")))
last_partial = ""

while True:
    # 0.1 s at 16 kHz: short enough for words to show while they are spoken.
    data = sys.stdin.buffer.read1(3200)
    if not data:
        break
    if recognizer.AcceptWaveform(data):
        # Vosk answers pretty-printed JSON over several lines: one line each for the cabin.
        text = json.loads(recognizer.Result()).get("text", "")
        print(json.dumps({"text": text}, ensure_ascii=False), flush=True)
        last_partial = ""
    else:
        partial = json.loads(recognizer.PartialResult()).get("partial", "")
        if partial != last_partial:
            print(json.dumps({"partial": partial}, ensure_ascii=False), flush=True)
            last_partial = partial

print(json.dumps({"text": json.loads(recognizer.FinalResult()).get("text", "")}, ensure_ascii=False), flush=True)
