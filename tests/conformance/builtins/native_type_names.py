# Classes implemented natively outside builtins are named with their module in errors.
import threading
f = open(__file__)
try:
    f.no_such_attribute
except AttributeError as e:
    print(e)
f.close()
for obj in (threading.Lock(), threading.RLock()):
    try:
        obj.no_such_attribute
    except AttributeError as e:
        print(e)
    try:
        obj.no_such_attribute = 1
    except AttributeError as e:
        print(e)
