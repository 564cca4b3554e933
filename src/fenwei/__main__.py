from fenwei.cli import main

main()
