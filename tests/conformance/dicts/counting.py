text = "the cat and the hat and the bat"
counts = {}
for w in text.split():
    counts[w] = counts.get(w, 0) + 1
print(counts)
letters = {}
for ch in text.replace(" ", ""):
    if ch not in letters:
        letters[ch] = 0
    letters[ch] += 1
print(letters)
top = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))
print(top[:3])
groups = {}
for w in text.split():
    groups.setdefault(len(w), []).append(w)
print(groups)
