# String building, formatting, splitting and joining.
def main():
    parts = []
    for i in range(300_000):
        parts.append(f"{i}:{i * i % 97:02d}")
    text = ",".join(parts)
    words = text.split(",")
    upper = sum(len(w.upper()) for w in words)
    built = ""
    for w in words[:5_000]:
        built += w[::-1]
    print(len(text), upper, len(built), built[:12])


main()
