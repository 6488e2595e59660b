print("wcomp-conformance")
