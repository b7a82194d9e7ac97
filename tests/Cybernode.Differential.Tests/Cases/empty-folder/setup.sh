mkdir -p empty sub/also-empty
