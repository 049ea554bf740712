"""x2many values as the ORM receives them (pure Python, no ORM access)."""


def linked_ids(value):
    """Ids of existing records that an x2many value (ids or commands) links to.

    Records created by the commands (CREATE) are new and not counted; UPDATE
    commands need write access to the record anyway.
    """
    ids = set()
    for command in value or ():
        if isinstance(command, int):
            ids.add(command)
        elif isinstance(command, (list, tuple)) and command:
            if command[0] == 4:
                ids.add(command[1])
            elif command[0] == 6:
                ids.update(command[2] or ())
    return ids
