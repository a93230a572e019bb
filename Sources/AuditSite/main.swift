print("audit-site")
