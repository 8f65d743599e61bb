"""Keys for machines: staff API tokens and Open311 client keys, stored only as hashes."""
