class InsufficientFunds(Exception):
    pass
class Account:
    interest = 0.02
    def __init__(self, owner, balance=0):
        self.owner = owner
        self.balance = balance
        self.history = []
    def deposit(self, amount):
        if amount <= 0:
            raise ValueError("deposit must be positive")
        self.balance += amount
        self.history.append(("deposit", amount))
    def withdraw(self, amount):
        if amount > self.balance:
            raise InsufficientFunds(f"{self.owner}: balance {self.balance} < {amount}")
        self.balance -= amount
        self.history.append(("withdraw", amount))
    def add_interest(self):
        self.balance = round(self.balance * (1 + self.interest), 2)
    def __repr__(self):
        return f"Account({self.owner!r}, {self.balance})"
acct = Account("alice", 100)
acct.deposit(50)
acct.withdraw(30)
for op in [lambda: acct.withdraw(500), lambda: acct.deposit(-5)]:
    try:
        op()
    except (InsufficientFunds, ValueError) as e:
        print(type(e).__name__, e)
acct.add_interest()
print(acct, acct.history)
accounts = [Account("bob", 20), acct, Account("carl", 300)]
print(sorted(accounts, key=lambda a: a.balance))
print(sum(a.balance for a in accounts))
