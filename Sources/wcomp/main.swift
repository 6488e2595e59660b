print("wcomp")
