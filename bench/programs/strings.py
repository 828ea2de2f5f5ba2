parts = []
for i in range(300_000):
    parts.append(str(i % 97))
text = ",".join(parts)
words = {}
for w in text.split(","):
    words[w] = words.get(w, 0) + 1
