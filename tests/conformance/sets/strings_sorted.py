words = "the quick brown fox jumps over the lazy dog the end".split()
unique = set(words)
print(len(words), len(unique))
print(sorted(unique))
print(sorted(unique, key=lambda w: (len(w), w)))
vowels = set("aeiou")
print(sorted(vowels & set("programming")))
print("fox" in unique, "cat" in unique)
seen = set()
dups = []
for w in words:
    if w in seen:
        dups.append(w)
    seen.add(w)
print(dups)
