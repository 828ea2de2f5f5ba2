# Dictionaries, sets and sorting with keys.
def main():
    counts = {}
    for i in range(720_000):
        key = (i * 7919) % 5003
        counts[key] = counts.get(key, 0) + 1
    ranked = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))
    seen = {k for k, _ in ranked if k % 3}
    words = sorted(str(i * 31 % 10007) for i in range(240_000))
    print(ranked[0], len(seen), words[:3])


main()
