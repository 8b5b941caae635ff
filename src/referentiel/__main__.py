"""``python -m referentiel`` runs the command-line interface."""

from referentiel.cli import main

if __name__ == "__main__":
    main()
