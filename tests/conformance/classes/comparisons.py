class Card:
    order = "23456789TJQKA"
    def __init__(self, rank, suit):
        self.rank, self.suit = rank, suit
    def __eq__(self, other):
        return self.rank == other.rank
    def __lt__(self, other):
        return Card.order.index(self.rank) < Card.order.index(other.rank)
    def __repr__(self):
        return self.rank + self.suit
hand = [Card("K", "h"), Card("3", "s"), Card("A", "d"), Card("3", "c"), Card("T", "h")]
print(sorted(hand))
print(sorted(hand, reverse=True))
print(max(hand), min(hand))
print(Card("3", "s") == Card("3", "h"), Card("3", "s") != Card("4", "s"))
print(Card("2", "s") > Card("A", "s"))
try:
    Card("2", "s") <= Card("3", "s")
except TypeError as e:
    print("TypeError:", e)
class NoEq:
    pass
a = NoEq()
print(a == a, a == NoEq(), a != NoEq())
