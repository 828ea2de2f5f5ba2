# Tight for and while loops over integers.
def main():
    total = 0
    for i in range(2_400_000):
        total += i * 2 % 7
    n = 0
    while n < 1_200_000:
        n += 1
        total -= n & 3
    print(total)


main()
