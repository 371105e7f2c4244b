#include "loadtest/loadtestprofiles.h"

#include "loadtest/loadtestlog.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>

namespace umg {

LoadTestProfileLibrary::LoadTestProfileLibrary(QString folder)
    : m_folder(std::move(folder))
{
}

QString LoadTestProfileLibrary::filePath(const QString &name) const
{
    return QDir(m_folder).filePath(name + QStringLiteral(".json"));
}

QStringList LoadTestProfileLibrary::names() const
{
    QStringList names;
    const QFileInfoList files =
        QDir(m_folder).entryInfoList({QStringLiteral("*.json")}, QDir::Files | QDir::Readable, QDir::Name);
    for (const QFileInfo &file : files)
        names.append(file.completeBaseName());
    return names;
}

std::optional<LoadTestProfile> LoadTestProfileLibrary::load(const QString &name, QString *error) const
{
    const QString path = filePath(name);
    try {
        LoadTestProfile profile = loadProfileFile(path.toStdString());
        // The file name is the profile's name in the list.
        profile.name = name.toStdString();
        return profile;
    } catch (const std::exception &failure) {
        qCWarning(lcLoadTest) << "cannot load the load-test profile" << path << failure.what();
        if (error) {
            *error = tr("The load-test profile %1 cannot be used: %2. Fix or delete the file %3.")
                         .arg(name, QString::fromStdString(failure.what()), QDir::toNativeSeparators(path));
        }
        return std::nullopt;
    }
}

bool LoadTestProfileLibrary::save(const LoadTestProfile &profile, QString *error) const
{
    try {
        profile.validate();
        if (!QDir().mkpath(m_folder))
            throw std::runtime_error("cannot create the folder " + m_folder.toStdString());
        saveProfileFile(profile, filePath(QString::fromStdString(profile.name)).toStdString());
        return true;
    } catch (const std::exception &failure) {
        qCWarning(lcLoadTest) << "cannot save the load-test profile" << QString::fromStdString(profile.name)
                              << failure.what();
        if (error) {
            *error = tr("The load-test profile %1 was not saved: %2.")
                         .arg(QString::fromStdString(profile.name), QString::fromStdString(failure.what()));
        }
        return false;
    }
}

bool LoadTestProfileLibrary::remove(const QString &name, QString *error) const
{
    QFile file(filePath(name));
    if (file.remove())
        return true;
    if (error) {
        *error = tr("The load-test profile %1 was not deleted: %2.").arg(name, file.errorString());
    }
    return false;
}

} // namespace umg
