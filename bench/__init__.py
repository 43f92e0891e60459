"""Benchmark: execution accuracy and speed of the app's chain, optionally beside stock LangChain.

python -m bench --dataset DIR [--ids FILE] [--limit N] [--backend B] [--baseline] --out FILE.json
"""
