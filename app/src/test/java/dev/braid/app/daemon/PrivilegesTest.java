package dev.braid.app.daemon;

import dev.braid.posix.Posix;
import org.junit.jupiter.api.Test;

import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class PrivilegesTest {
    @Test
    void nothingGivenMeansStayAsWeAre() {
        assertEquals(Optional.empty(), Privileges.resolve(null, null));
    }

    @Test
    void aUserAloneBringsItsPrimaryGroupAndNumbersWorkToo() {
        int uid = Posix.userByName("nobody").orElseThrow().uid();
        int gid = Posix.userByName("nobody").orElseThrow().gid();
        assertEquals(new Privileges(uid, gid, "nobody"), Privileges.resolve("nobody", null).orElseThrow());
        assertEquals(new Privileges(uid, gid, "nobody"), Privileges.resolve(Integer.toString(uid), null).orElseThrow());
        assertEquals(new Privileges(uid, 0, "nobody"), Privileges.resolve("nobody", "root").orElseThrow());
        assertEquals(new Privileges(uid, 4242, "nobody"), Privileges.resolve("nobody", "4242").orElseThrow());
        assertEquals("set uid/gid " + uid + "/" + gid, Privileges.resolve("nobody", null).orElseThrow().logLine());
    }

    @Test
    void aGroupAloneKeepsTheUser() {
        Privileges group = Privileges.resolve(null, "root").orElseThrow();
        assertEquals(Posix.getuid(), group.uid());
        assertEquals(0, group.gid());
    }

    @Test
    void unknownNamesAreClearErrors() {
        assertEquals("no such user: no-such-user-here",
                assertThrows(IllegalArgumentException.class, () -> Privileges.resolve("no-such-user-here", null)).getMessage());
        assertEquals("no such group: no-such-group-here",
                assertThrows(IllegalArgumentException.class, () -> Privileges.resolve("nobody", "no-such-group-here")).getMessage());
        assertEquals("uid 4000123 has no entry in the user database: give --gid too",
                assertThrows(IllegalArgumentException.class, () -> Privileges.resolve("4000123", null)).getMessage());
    }

    @Test
    void droppingToWhoWeAreIsANoOp() {
        new Privileges(Posix.getuid(), Posix.getgid(), null).drop();
        assertEquals(Posix.getuid(), Posix.geteuid());
    }
}
