#!/usr/bin/env python3
"""Regenerates the CPython 3.11 reference fixtures for the syntax crate's tests.

Usage: python3.11 crates/syntax/tests/gen_fixtures.py
Reads tests/fixtures/*.src (cases separated by a line `====`) and writes:
  ast_cases.txt    - for ast_cases.src: every statement/expression node kind, span
                     (line:byte-col) and key value, in a sorted list per case;
  error_cases.txt  - for error_cases.src: exception class, message and position.
"""
import ast, os, sys

HERE = os.path.join(os.path.dirname(os.path.abspath(__file__)), 'fixtures')


def nodes(tree):
    out = []
    skip = set()
    for n in ast.walk(tree):
        if isinstance(n, ast.JoinedStr):
            # Parts of an f-string carry the whole string's span in 3.11; ours have none.
            for v in n.values:
                skip.add(id(v))
                if isinstance(v, ast.FormattedValue) and v.format_spec is not None:
                    skip.add(id(v.format_spec))
                    for w in v.format_spec.values:
                        skip.add(id(w))
    for n in ast.walk(tree):
        if id(n) in skip or not isinstance(n, (ast.expr, ast.stmt)):
            continue
        extra = ''
        if isinstance(n, ast.Name):
            extra = ' ' + n.id
        elif isinstance(n, ast.Constant):
            v = n.value
            if isinstance(v, bool) or v is None or v is Ellipsis:
                extra = ' ' + repr(v)
            elif isinstance(v, int):
                extra = ' ' + str(v)
            elif isinstance(v, str):
                extra = ' s' + v.encode('utf-8').hex()
            elif isinstance(v, bytes):
                extra = ' b' + v.hex()
        elif isinstance(n, ast.Attribute):
            extra = ' ' + n.attr
        out.append(f'{type(n).__name__}@{n.lineno}:{n.col_offset}-{n.end_lineno}:{n.end_col_offset}{extra}')
    return sorted(out)


def main():
    src = open(os.path.join(HERE, 'ast_cases.src'), encoding='utf-8').read()
    with open(os.path.join(HERE, 'ast_cases.txt'), 'w', encoding='utf-8') as f:
        for case in src.split('\n====\n'):
            f.write('=== case\n' + case + '\n--- nodes\n')
            for line in nodes(ast.parse(case)):
                f.write(line + '\n')
    src = open(os.path.join(HERE, 'error_cases.src'), encoding='utf-8').read()
    with open(os.path.join(HERE, 'error_cases.txt'), 'w', encoding='utf-8') as f:
        for case in src.split('\n====\n'):
            try:
                compile(case, '<case>', 'exec')
                result = 'OK'
            except SyntaxError as e:
                end_line, end = e.end_lineno, e.end_offset
                if end_line is None or end is None or end <= 0:
                    end_line, end = e.lineno, e.offset
                result = f'{type(e).__name__}|{e.msg}|{e.lineno}|{e.offset}|{end_line}|{end}'
            f.write('=== case\n' + case + '\n--- error\n' + result + '\n')


if __name__ == '__main__':
    main()
