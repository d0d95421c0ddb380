print("asking for input")
try:
    line = input()
    print("got", line)
except EOFError as e:
    print("EOFError:", repr(e), str(e) == "")
try:
    name = input("Name? ")
except EOFError:
    print()
    print("no name given")
