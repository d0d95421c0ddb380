s = "Hello, World! 123"
print(s.upper(), s.lower(), s.swapcase())
print("hello world foo".title(), "hELLO wORLD".capitalize())
print("they're bill's".title())
print("ABC".isupper(), "abc".islower(), "Abc".isupper(), "123".isupper())
print("abc".isalpha(), "abc1".isalpha(), "abc1".isalnum(), "".isalpha())
print("123".isdigit(), "12.3".isdigit(), "".isdigit(), " \t\n".isspace(), "".isspace())
print("Title Case".istitle(), "ß".upper(), "ǅ".lower())
print("café".upper(), "ÉCOLE".lower())
