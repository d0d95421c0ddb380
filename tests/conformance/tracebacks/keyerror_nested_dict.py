users = {"ann": {"email": "ann@example.com"}}
print(users["ann"]["email"])
print(users["ann"]["phone"])
