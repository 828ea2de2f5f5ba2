name = input("What is your name? ")
for i in range(3):
    print(f"Hello, {name}! ({i + 1})")
