# Generates unicode_tables.rs from CPython 3.11's unicodedata:
#   python3 gen_unicode_tables.py > unicode_tables.rs
import unicodedata
def ranges(pred):
    out=[]; start=None
    for cp in range(0x110000):
        ok=pred(chr(cp))
        if ok and start is None: start=cp
        if not ok and start is not None: out.append((start,cp-1)); start=None
    if start is not None: out.append((start,0x10ffff))
    return out
preds = [
 ('PRINTABLE', 'printable (`str.isprintable`)', str.isprintable),
 ('ALPHA', 'alphabetic (`str.isalpha`: categories L*)', str.isalpha),
 ('DECIMAL', 'decimal digits (`str.isdecimal`)', str.isdecimal),
 ('DIGIT', 'digits (`str.isdigit`)', str.isdigit),
 ('NUMERIC', 'numeric (`str.isnumeric`)', str.isnumeric),
 ('SPACE', 'whitespace (`str.isspace`)', str.isspace),
 ('LOWER', 'lowercase (the Lowercase property)', str.islower),
 ('UPPER', 'uppercase (the Uppercase property)', str.isupper),
 ('TITLE', 'titlecase letters (category Lt)', lambda c: unicodedata.category(c)=='Lt'),
 ('CASED', 'cased (the Cased property)', lambda c: c.islower() or c.isupper() or unicodedata.category(c)=='Lt'),
 ('ID_START', 'identifier starts (XID_Start plus `_`)', lambda c: c.isidentifier()),
 ('ID_CONTINUE', 'identifier continuations (XID_Continue)', lambda c: ('a'+c).isidentifier()),
]
def esc(s):
    return ''.join('\\u{%x}' % ord(ch) for ch in s)
print('//! Unicode character tables generated from CPython 3.11\'s `unicodedata` (Unicode %s),' % unicodedata.unidata_version)
print('//! so the `str.is*` predicates, `title()` and `casefold()` agree with CPython exactly.')
print('//! Regenerate with the script in `gen_unicode_tables.py` beside this file.')
print()
print('#![allow(clippy::unreadable_literal)]')
print()
for name, doc, p in preds:
    r = ranges(p)
    print('/// Inclusive code point ranges of %s characters.' % doc)
    print("#[rustfmt::skip]"); print("pub static %s: &[(u32, u32)] = &[" % name)
    line = '   '
    for a,b in r:
        item = ' (0x%x, 0x%x),' % (a,b)
        if len(line)+len(item) > 96:
            print(line); line='   '
        line += item
    print(line)
    print('];')
    print()
def maps(name, doc, f, base):
    items=[(cp, f(chr(cp))) for cp in range(0x110000) if f(chr(cp)) != base(chr(cp))]
    print('/// %s' % doc)
    print('pub static %s: &[(u32, &str)] = &[' % name)
    for cp, s in items:
        print('    (0x%x, "%s"),' % (cp, esc(s)))
    print('];')
    print()
maps('TITLE_MAP', 'Title-case mappings that differ from the upper-case mapping, sorted by code point.', str.title, str.upper)
maps('CASEFOLD_MAP', 'Case foldings that differ from the lower-case mapping, sorted by code point.', str.casefold, str.lower)
