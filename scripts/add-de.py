#!/usr/bin/env python3
"""Adds German targets to src/locales/xliff/de.xlf: python3 scripts/add-de.py 'English' 'Deutsch' ..."""
import re, sys, html
path = 'src/locales/xliff/de.xlf'
s = open(path, encoding='utf-8').read()
pairs = dict(zip(sys.argv[1::2], sys.argv[2::2]))
def add(m):
    body = m.group(2)
    if '<target' in body: return m.group(0)
    src = re.search(r'<source>(.*?)</source>', body, re.S).group(1)
    text = html.unescape(src)
    if text not in pairs: return m.group(0)
    target = html.escape(pairs[text], quote=False)
    # keep placeholders (<x .../>) as in the source
    if '<x ' in src: target = pairs[text]
    return m.group(0).replace('</source>', f'</source>\n  <target>{target}</target>', 1)
s = re.sub(r'<trans-unit id="([^"]+)">(.*?)</trans-unit>', add, s, flags=re.S)
open(path, 'w', encoding='utf-8').write(s)
left = [m.group(1) for m in re.finditer(r'<trans-unit id="([^"]+)">((?:(?!</trans-unit>).)*)</trans-unit>', s, re.S) if '<target' not in m.group(2)]
print('missing targets:', left)
