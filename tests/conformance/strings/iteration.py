word = "python"
for i, ch in enumerate(word):
    print(i, ch)
print(list("abc"), tuple("ab"), sorted("banana"), set("aaa"))
print(reversed("abc") is not None, "".join(reversed("abc")))
vowels = 0
for ch in "The quick brown fox":
    if ch in "aeiou":
        vowels += 1
print(vowels)
print("a" in "abc", "ab" in "abc", "ac" in "abc")
print(max("hello"), min("hello"))
