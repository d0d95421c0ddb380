def ret():
    try:
        return "from try"
    finally:
        print("finally in ret")
def override():
    try:
        return "try"
    finally:
        return "finally wins"
def swallow():
    try:
        raise ValueError("lost")
    finally:
        return "swallowed"
print(ret())
print(override())
print(swallow())
for i in range(3):
    try:
        if i == 1:
            continue
        print("body", i)
    finally:
        print("finally", i)
while True:
    try:
        break
    finally:
        print("finally on break")
def count():
    n = 0
    try:
        n += 1
        return n
    finally:
        n += 100
        print("n in finally", n)
print(count())
