print(r"C:\new\table")
print(repr(r"\n"))
print(len(r"\n"))
s = """first
second
    third"""
print(s)
print(repr(s))
t = '''single 'quotes' inside
"double" too'''
print(t)
u = """\
no leading newline"""
print(u)
print("abc" "def")
print("con" 'cat'
      "enated")
print(R"raw\d+")
print(rb"\x00" if False else r"\x00")
